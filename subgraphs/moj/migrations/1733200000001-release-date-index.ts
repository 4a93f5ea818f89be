import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** A reporting cohort is every release in a period: find them by release date. */
export class ReleaseDateIndex1733200000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'custody_period',
      new TableIndex({ name: 'IDX_custody_period_release_date', columnNames: ['release_date'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('custody_period', 'IDX_custody_period_release_date');
  }
}
