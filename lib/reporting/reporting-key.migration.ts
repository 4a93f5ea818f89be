import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** reporting_key, the same in every controller's database. */
export class ReportingKeys1733200000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'reporting_key',
        columns: [
          { name: 'record_kind', type: 'varchar', length: '30', isPrimary: true },
          { name: 'record_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'person_key', type: 'varchar', length: '32' },
          { name: 'generation', type: 'integer' },
        ],
        indices: [
          new TableIndex({ name: 'IDX_reporting_key_person_key', columnNames: ['person_key'] }),
          new TableIndex({ name: 'IDX_reporting_key_generation', columnNames: ['generation'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reporting_key');
  }
}
