import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

const byPrisoner = (name: string, columnNames: string[]) => new TableIndex({ name, columnNames });

/**
 * A prisoner's latest custody period is read for a whole caseload at once: an index that holds
 * the order too answers it without a sort or a table read. It also serves every lookup the
 * prison-number index served, so that one goes.
 */
export class LatestCustodyIndex1733100000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'custody_period',
      byPrisoner('IDX_custody_period_latest', ['prison_number', 'reception_date', 'id']),
    );
    await queryRunner.dropIndex('custody_period', 'IDX_custody_period_prison_number');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'custody_period',
      byPrisoner('IDX_custody_period_prison_number', ['prison_number']),
    );
    await queryRunner.dropIndex('custody_period', 'IDX_custody_period_latest');
  }
}
