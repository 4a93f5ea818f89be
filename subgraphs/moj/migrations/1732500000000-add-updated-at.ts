import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

const TABLES = [
  { table: 'prisoner', key: 'prison_number' },
  { table: 'probation_case', key: 'crn' },
];

/**
 * When each prisoner and probation case last changed, as an ISO-8601 UTC string, indexed with
 * the key for the identity feeds' (updated_at, key) order. Rows already there count as changed
 * at the epoch.
 */
export class AddUpdatedAt1732500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, key } of TABLES) {
      await queryRunner.addColumn(
        table,
        new TableColumn({
          name: 'updated_at',
          type: 'varchar',
          length: '24',
          default: "'1970-01-01T00:00:00.000Z'",
        }),
      );
      await queryRunner.createIndex(
        table,
        new TableIndex({ name: `IDX_${table}_updated_at`, columnNames: ['updated_at', key] }),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of TABLES) {
      await queryRunner.dropIndex(table, `IDX_${table}_updated_at`);
      // SQL both engines run, not dropColumn: on SQLite that rebuilds the table, and TypeORM
      // reverts inside a transaction, where foreign keys cannot be switched off, so dropping the
      // old table would cascade to (or be refused by) every table that refers to it.
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "updated_at"`);
    }
  }
}
