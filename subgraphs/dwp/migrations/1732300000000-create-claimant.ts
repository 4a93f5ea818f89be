import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateClaimant1732300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'claimant',
        columns: [
          { name: 'nino', type: 'varchar', length: '9', isPrimary: true },
          { name: 'given_name', type: 'varchar', length: '100' },
          { name: 'family_name', type: 'varchar', length: '100' },
          { name: 'date_of_birth', type: 'date' },
          { name: 'postcode', type: 'varchar', length: '8', isNullable: true },
          { name: 'jobcentre', type: 'varchar', length: '100', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('claimant');
  }
}
