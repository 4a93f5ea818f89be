import type { DataSource } from 'typeorm';
import {
  type RecordScope,
  type RecordScopes,
  type ScopeLookup,
  RecordKind,
  isUnscoped,
  scopeUnavailable,
  unrestricted,
} from '../../../lib/access/scope';
import {
  IDENTITY_SERVICE_CALLER,
  Purpose,
  type RequestContext,
  Role,
} from '../../../lib/auth/roles';
import type { Config } from '../../../lib/config';
import { callSubgraph } from '../../../lib/internal-call';
import type { Logger } from '../../../lib/logger';
import { RECORD_KIND, type RecordSource } from '../linking/source-record';
import { LinkedRecordKind, PersonLink } from '../person/person-link.entity';
import { AccessRestriction } from './access-restriction.entity';

const CHUNK = 500;

/**
 * Whose records a request may see, worked out where the links are. A coordinator: the people
 * their charity has consent or an open referral for, asked of vcs afresh on every request. Every
 * user: no one restricted to other named users. The identity service pulling feeds: everyone.
 */
export function identityScopeLookup(
  database: DataSource,
  config: Config,
  logger: Logger,
): ScopeLookup {
  return async (request, kinds) => {
    if (isUnscoped(request)) return unrestricted(kinds);
    const [restricted, caseload] = await Promise.all([
      restrictions(database, request.caller.subject),
      request.caller.role === Role.COORDINATOR
        ? charityCaseload(database, config, request, logger)
        : null,
    ]);
    const scopes: Record<string, RecordScope> = {};
    for (const kind of kinds) {
      if (kind === RecordKind.PERSON) {
        scopes[kind] = { only: caseload, except: restricted.people };
        continue;
      }
      const except = await recordsOf(database, kind, restricted.people);
      for (const id of restricted.records.get(kind) ?? []) except.add(id);
      const only = caseload && (await recordsOf(database, kind, caseload));
      scopes[kind] = { only, except };
    }
    return scopes as RecordScopes;
  };
}

/** The people, and records, restricted to named users other than `subject`. */
async function restrictions(database: DataSource, subject: string) {
  const rows = await database
    .getRepository(AccessRestriction)
    .createQueryBuilder('restriction')
    .where('restriction.lifted_at IS NULL')
    .getMany();
  const records = new Map<string, Set<string>>();
  for (const row of rows.filter((r) => !r.allowedSubjects.includes(subject))) {
    const [source, id] = splitRecordKey(row.recordKey);
    const kind = RECORD_KIND[source];
    if (!kind) continue;
    const ids = records.get(kind) ?? new Set<string>();
    records.set(kind, ids.add(id));
  }
  const people = new Set<string>();
  for (const [kind, ids] of records) {
    for (const person of await peopleOf(database, kind, [...ids])) people.add(person);
  }
  return { people, records };
}

/** The people a coordinator's charity supports with their agreement, by person id. */
async function charityCaseload(
  database: DataSource,
  config: Config,
  request: RequestContext,
  logger: Logger,
): Promise<Set<string>> {
  let ids: string[];
  try {
    ({ charityCaseload: ids } = await callSubgraph<{ charityCaseload: string[] }>(
      config,
      'vcs',
      {
        caller: IDENTITY_SERVICE_CALLER,
        purpose: Purpose.RECORD_LINKAGE,
        requestId: request.requestId,
      },
      {
        query: 'query ($organisation: ID!) { charityCaseload(organisation: $organisation) }',
        variables: { organisation: request.caller.organisation },
      },
    ));
  } catch (error) {
    logger.warn({ reason: (error as Error).message }, "could not ask vcs for a charity's caseload");
    throw scopeUnavailable();
  }
  return peopleOf(database, LinkedRecordKind.VCS_SUPPORT_RECORD, ids);
}

async function peopleOf(database: DataSource, kind: string, ids: string[]): Promise<Set<string>> {
  const people = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await links(database)
      .select('link.person_id', 'personId')
      .where('link.record_kind = :kind', { kind })
      .andWhere('link.record_id IN (:...ids)', { ids: ids.slice(i, i + CHUNK) })
      .getRawMany<{ personId: string }>();
    for (const row of rows) people.add(row.personId);
  }
  return people;
}

async function recordsOf(
  database: DataSource,
  kind: string,
  people: ReadonlySet<string>,
): Promise<Set<string>> {
  const ids = [...people];
  const records = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await links(database)
      .select('link.record_id', 'recordId')
      .where('link.record_kind = :kind', { kind })
      .andWhere('link.person_id IN (:...ids)', { ids: ids.slice(i, i + CHUNK) })
      .getRawMany<{ recordId: string }>();
    for (const row of rows) records.add(row.recordId);
  }
  return records;
}

const links = (database: DataSource) =>
  database.getRepository(PersonLink).createQueryBuilder('link');

/** `prison:A1234BC` → ['prison', 'A1234BC']. */
export function splitRecordKey(key: string): [RecordSource, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) as RecordSource, key.slice(at + 1)];
}
