import type { DataSource } from 'typeorm';
import type { AuditRead } from '../../lib/audit/audit-log';
import { Purpose, Role } from '../../lib/auth/roles';

export type AuditEngine = 'sqlite' | 'postgres';

/** Every engine this run can reach: SQLite always, PostgreSQL when TEST_POSTGRES_URL names one. */
export function auditEngines(): AuditEngine[] {
  return process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A coordinator's read of `keys`, with the given request id. */
export function coordinatorRead(
  requestId: string,
  keys: string[],
  entityType = 'Claimant',
  fields = ['nino', 'givenName', 'familyName'],
): AuditRead {
  return {
    context: {
      caller: {
        subject: 'user-7f3a',
        role: Role.COORDINATOR,
        organisation: 'org-nacro',
        purposes: [Purpose.EMPLOYMENT_SUPPORT],
      },
      purpose: Purpose.EMPLOYMENT_SUPPORT,
      requestId,
    },
    entityType,
    entityKeys: keys,
    fields,
  };
}

/**
 * What someone with direct access to the database can do: switch the append-only triggers off.
 * The chain is what still shows what they then change.
 */
export async function dropAuditTriggers(database: DataSource): Promise<void> {
  if (database.options.type === 'postgres') {
    for (const table of ['audit_log', 'audit_log_key', 'audit_head', 'audit_key_head'])
      await database.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
    return;
  }
  const triggers = (await database.query(
    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'audit%'",
  )) as { name: string }[];
  for (const { name } of triggers) await database.query(`DROP TRIGGER "${name}"`);
}
