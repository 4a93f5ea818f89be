import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MOVES_BACK, refuseChange } from './migration';
import { isPostgres } from './sql';

const KEY_HEAD_DELETE = 'audit_key_head cannot be deleted';
const KEY_HEAD_BACKWARDS = 'audit_key_head only moves forward';

/**
 * `audit_key_head`: the last row whose keys are in the key index (audit_log_key), which now
 * follows the chain rather than being written with it (lib/audit/audit-log.ts). Every row
 * already there is indexed, so it starts at the chain head. Like the head, it can move only
 * forward and cannot be deleted.
 */
export class AuditKeyHead1733500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_key_head" ("id" integer PRIMARY KEY CHECK ("id" = 1), ' +
        '"seq" integer NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "audit_key_head" ("id", "seq") SELECT 1, "seq" FROM "audit_head" WHERE "id" = 1',
    );
    const refuse = (name: string, when: string, message: string, condition?: string) =>
      refuseChange(queryRunner, { name, when, table: 'audit_key_head', message, condition });
    await refuse('audit_key_head_no_delete', 'DELETE', KEY_HEAD_DELETE);
    if (isPostgres(queryRunner)) {
      await refuse('audit_key_head_no_truncate', 'TRUNCATE', KEY_HEAD_DELETE);
    }
    await refuse('audit_key_head_forward_only', 'UPDATE', KEY_HEAD_BACKWARDS, MOVES_BACK);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_key_head"');
  }
}
