import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * When each claimant last changed, as an ISO-8601 UTC string, indexed with the key for the
 * identity feed's (updated_at, nino) order. Rows already there count as changed at the epoch.
 */
export class AddClaimantUpdatedAt1732500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'claimant',
      new TableColumn({
        name: 'updated_at',
        type: 'varchar',
        length: '24',
        default: "'1970-01-01T00:00:00.000Z'",
      }),
    );
    await queryRunner.createIndex(
      'claimant',
      new TableIndex({ name: 'IDX_claimant_updated_at', columnNames: ['updated_at', 'nino'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('claimant', 'IDX_claimant_updated_at');
    // SQL both engines run, not dropColumn: on SQLite that rebuilds the table, and TypeORM
    // reverts inside a transaction, where foreign keys cannot be switched off, so dropping the
    // old table would cascade to (or be refused by) every table that refers to it.
    await queryRunner.query('ALTER TABLE "claimant" DROP COLUMN "updated_at"');
  }
}
