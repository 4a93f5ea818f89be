import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * When each support record last changed, as an ISO-8601 UTC string, indexed with the key for
 * the identity feed's (updated_at, id) order. Rows already there count as changed at the epoch.
 */
export class AddSupportRecordUpdatedAt1732500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Read afresh: on SQLite the runner's cached copy can still be the support_record that
    // 1732400000000 dropped, and adding a column rebuilds the table from that copy.
    const table = await queryRunner.getTable('support_record');
    if (!table) throw new Error('support_record is missing');
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
      'support_record',
      new TableIndex({ name: 'IDX_support_record_updated_at', columnNames: ['updated_at', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('support_record', 'IDX_support_record_updated_at');
    // SQL both engines run, not dropColumn: on SQLite that rebuilds the table, and TypeORM
    // reverts inside a transaction, where foreign keys cannot be switched off, so dropping the
    // old table would cascade to (or be refused by) every table that refers to it.
    await queryRunner.query('ALTER TABLE "support_record" DROP COLUMN "updated_at"');
  }
}
