import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateSupportRecord1732300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'support_record',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'organisation_name', type: 'varchar', length: '200' },
          { name: 'service', type: 'varchar', length: '40' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'referred_on', type: 'date' },
          { name: 'given_name', type: 'varchar', length: '100' },
          { name: 'family_name', type: 'varchar', length: '100' },
          { name: 'date_of_birth', type: 'date', isNullable: true },
          { name: 'postcode', type: 'varchar', length: '8', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('support_record');
  }
}
