import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTables, dropAuditTables } from '../../../lib/audit/migration';

/** The append-only, hash-chained audit of person-level reads: see lib/audit. */
export class Audit1732700000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createAuditTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditTables(queryRunner);
  }
}
