import { type QueryRunner, Table } from 'typeorm';
import { AUDIT_LIMITS, GENESIS_HASH } from './audit-entry.entity';
import { isPostgres } from './sql';

const text = (name: string, length: number, nullable = false) => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const integer = (name: string) => ({ name, type: 'integer', isNullable: false });

/** The tables and the error each one's triggers raise. */
const APPEND_ONLY = ['audit_log', 'audit_log_key'] as const;
const HEAD_DELETE = 'audit_head cannot be deleted';
const HEAD_BACKWARDS = 'audit_head only moves forward';
const PG_FUNCTION = 'audit_refuse_change';

/**
 * Creates `audit_log`, `audit_log_key` and `audit_head` (with its one row, at seq 0), and the
 * triggers that make the log append-only: UPDATE and DELETE (and TRUNCATE on PostgreSQL) on
 * the log and its key index are refused, and the head can move only forward. Each subgraph's
 * audit migration calls this; it runs on SQLite and PostgreSQL alike.
 */
export async function createAuditTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.createTable(
    new Table({
      name: 'audit_log',
      columns: [
        { ...integer('seq'), isPrimary: true },
        text('at', 24),
        text('subject', AUDIT_LIMITS.subject),
        text('role', AUDIT_LIMITS.role),
        text('organisation', AUDIT_LIMITS.organisation),
        text('purpose', AUDIT_LIMITS.purpose, true),
        text('request_id', AUDIT_LIMITS.requestId),
        text('entity_type', AUDIT_LIMITS.entityType),
        { name: 'entity_keys', type: 'text', isNullable: false },
        { name: 'fields', type: 'text', isNullable: false },
        text('prev_hash', 64),
        text('hash', 64),
      ],
    }),
  );
  await queryRunner.createTable(
    new Table({
      name: 'audit_log_key',
      columns: [
        { ...integer('seq'), isPrimary: true },
        { ...text('entity_key', AUDIT_LIMITS.entityKey), isPrimary: true },
        text('entity_type', AUDIT_LIMITS.entityType),
      ],
      indices: [
        { name: 'ix_audit_log_key_lookup', columnNames: ['entity_type', 'entity_key', 'seq'] },
      ],
    }),
  );
  await queryRunner.createTable(
    new Table({
      name: 'audit_head',
      columns: [{ ...integer('id'), isPrimary: true }, integer('seq'), text('hash', 64)],
      checks: [{ name: 'ck_audit_head_one_row', expression: '"id" = 1' }],
    }),
  );
  await queryRunner.query(
    `INSERT INTO "audit_head" ("id", "seq", "hash") VALUES (1, 0, '${GENESIS_HASH}')`,
  );
  if (isPostgres(queryRunner)) await createPostgresTriggers(queryRunner);
  else await createSqliteTriggers(queryRunner);
}

/**
 * A trigger that refuses a change to `table` with `message` (when `condition` holds, if given),
 * in the engine's own syntax. PostgreSQL's triggers all call one function, with the message as
 * its argument; TRUNCATE needs a statement trigger there.
 */
export function refuseChange(
  queryRunner: QueryRunner,
  { name, when, table, message, condition }: Refusal,
): Promise<unknown> {
  if (!isPostgres(queryRunner)) {
    return queryRunner.query(
      `CREATE TRIGGER "${name}" BEFORE ${when} ON "${table}"${condition ? ` WHEN ${condition}` : ''} ` +
        `BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    );
  }
  return queryRunner.query(
    `CREATE TRIGGER "${name}" BEFORE ${when} ON "${table}" ` +
      `FOR EACH ${when === 'TRUNCATE' ? 'STATEMENT' : 'ROW'}${condition ? ` WHEN (${condition})` : ''} ` +
      `EXECUTE FUNCTION "${PG_FUNCTION}"('${message}')`,
  );
}

interface Refusal {
  name: string;
  when: string;
  table: string;
  message: string;
  condition?: string;
}

/** The head's refusal to move back: the audit head's and the key index head's. */
export const MOVES_BACK = 'NEW."seq" < OLD."seq" OR NEW."id" <> OLD."id"';

async function createSqliteTriggers(queryRunner: QueryRunner): Promise<void> {
  const refuse = (name: string, when: string, table: string, message: string, condition?: string) =>
    refuseChange(queryRunner, { name, when, table, message, condition });
  for (const table of APPEND_ONLY) {
    await refuse(`${table}_no_update`, 'UPDATE', table, `${table} is append-only`);
    await refuse(`${table}_no_delete`, 'DELETE', table, `${table} is append-only`);
  }
  await refuse('audit_head_no_delete', 'DELETE', 'audit_head', HEAD_DELETE);
  await refuse('audit_head_forward_only', 'UPDATE', 'audit_head', HEAD_BACKWARDS, MOVES_BACK);
}

async function createPostgresTriggers(queryRunner: QueryRunner): Promise<void> {
  // One function for every refusal: the message is the trigger's argument.
  await queryRunner.query(
    `CREATE FUNCTION "${PG_FUNCTION}"() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
      `BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$`,
  );
  const refuse = (name: string, when: string, table: string, message: string, condition?: string) =>
    refuseChange(queryRunner, { name, when, table, message, condition });
  for (const table of APPEND_ONLY) {
    await refuse(`${table}_no_change`, 'UPDATE OR DELETE', table, `${table} is append-only`);
    // Row triggers do not fire on TRUNCATE.
    await refuse(`${table}_no_truncate`, 'TRUNCATE', table, `${table} is append-only`);
  }
  await refuse('audit_head_no_delete', 'DELETE', 'audit_head', HEAD_DELETE);
  await refuse('audit_head_no_truncate', 'TRUNCATE', 'audit_head', HEAD_DELETE);
  await refuse('audit_head_forward_only', 'UPDATE', 'audit_head', HEAD_BACKWARDS, MOVES_BACK);
}

/** Reverts `createAuditTables`: drops the tables, their triggers and the trigger function. */
export async function dropAuditTables(queryRunner: QueryRunner): Promise<void> {
  // Dropping a table drops its triggers on both engines.
  for (const table of ['audit_head', 'audit_log_key', 'audit_log'])
    await queryRunner.query(`DROP TABLE "${table}"`);
  if (isPostgres(queryRunner)) await queryRunner.query(`DROP FUNCTION "${PG_FUNCTION}"()`);
}
