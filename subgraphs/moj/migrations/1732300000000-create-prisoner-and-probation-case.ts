import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

const names = [
  { name: 'given_name', type: 'varchar', length: '100' },
  { name: 'family_name', type: 'varchar', length: '100' },
  { name: 'date_of_birth', type: 'date' },
];

export class CreatePrisonerAndProbationCase1732300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'prisoner',
        columns: [
          { name: 'prison_number', type: 'varchar', length: '7', isPrimary: true },
          { name: 'pnc_number', type: 'varchar', length: '13', isNullable: true },
          ...names,
          { name: 'establishment', type: 'varchar', length: '100', isNullable: true },
          { name: 'release_date', type: 'date', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'probation_case',
        columns: [
          { name: 'crn', type: 'varchar', length: '7', isPrimary: true },
          ...names,
          { name: 'practitioner_name', type: 'varchar', length: '100', isNullable: true },
          { name: 'probation_region', type: 'varchar', length: '100', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('probation_case');
    await queryRunner.dropTable('prisoner');
  }
}
