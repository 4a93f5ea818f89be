import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

const index = (name: string, columnNames: string[]) => new TableIndex({ name, columnNames });

/**
 * Every coordinator's request asks, per support record of the charity, whether consent to
 * employment support stands: an index holding the scope and the withdrawal answers it alone. It
 * serves every lookup the support-record index on consent served, so that one goes.
 */
export class ConsentScopeIndex1733100000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'consent',
      index('IDX_consent_standing', ['support_record_id', 'scope', 'withdrawn_on']),
    );
    await queryRunner.dropIndex('consent', 'IDX_consent_support_record_id');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'consent',
      index('IDX_consent_support_record_id', ['support_record_id']),
    );
    await queryRunner.dropIndex('consent', 'IDX_consent_standing');
  }
}
