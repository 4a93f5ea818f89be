import type { DataSource } from 'typeorm';
import { KeptWhileUnchanged } from '../../../lib/change-generation';
import {
  type RecordScope,
  type RecordScopes,
  type ScopeLookup,
  RecordKind,
  isUnscoped,
  unrestricted,
} from '../../../lib/access/scope';
import { type RequestContext, Role } from '../../../lib/auth/roles';
import type { Config } from '../../../lib/config';
import { perGatewayRequest } from '../../../lib/access/per-request';
import type { Logger } from '../../../lib/logger';
import { RECORD_KIND, type RecordSource } from '../linking/source-record';
import { RESTRICTION_GENERATION } from '../migrations/1733600000000-restriction-generation';
import { LinkedRecordKind, PersonLink } from '../person/person-link.entity';
import { AccessRestriction } from './access-restriction.entity';
import { CaseloadExpansions } from './caseload-expansions';
import { CharityCaseloadClient } from './charity-caseload';

/** Most ids in one statement: below both engines' limits on bound parameters. */
const CHUNK = 10_000;

/** Record ids by kind, for a set of people. */
type RecordsByKind = Map<string, Set<string>>;

/**
 * Identity's scope lookup, which also lends a coordinator's request whose every record on their
 * charity's caseload is: the caseload list is built from the same rows, read once.
 */
export type IdentityScopeLookup = ScopeLookup & {
  caseloadOwners(request: RequestContext): Promise<RecordOwner[] | null>;
};

/**
 * Whose records a request may see, worked out where the links are, once per gateway request. A
 * coordinator: the people their charity has consent or an open referral for, asked of vcs on
 * every request (it answers with no ids while they are unchanged). Every user: no one restricted
 * to other named users. The identity service pulling feeds: everyone.
 */
export function identityScopeLookup(
  database: DataSource,
  config: Config,
  logger: Logger,
): IdentityScopeLookup {
  const expansions = new CaseloadExpansions(database, (ids) =>
    peopleAndRecords(database, LinkedRecordKind.VCS_SUPPORT_RECORD, ids),
  );
  const restrictions = new KeptRestrictions(database);
  const caseloads = new CharityCaseloadClient(config, logger);
  const caseloadOf = async (request: RequestContext) => expansions.of(await caseloads.of(request));
  const standing = perGatewayRequest(async (request: RequestContext) => {
    const [restricted, caseload] = await Promise.all([
      restrictions.of(request.caller.subject),
      request.caller.role === Role.COORDINATOR ? caseloadOf(request) : null,
    ]);
    return { restricted, caseload };
  });
  const lookup: ScopeLookup = async (request, kinds) => {
    if (isUnscoped(request)) return unrestricted(kinds);
    const { restricted, caseload } = await standing(request);
    const scopes: Record<string, RecordScope> = {};
    for (const kind of kinds) {
      scopes[kind] = {
        only: caseload && (caseload.byKind.get(kind) ?? new Set()),
        except: restricted.get(kind) ?? new Set(),
      };
    }
    return scopes as RecordScopes;
  };
  return Object.assign(lookup, {
    caseloadOwners: async (request: RequestContext) =>
      isUnscoped(request) ? null : ((await standing(request)).caseload?.owners ?? null),
  });
}

/** Most restricted records kept at once, across users. */
const KEPT_RESTRICTED = 100_000;

/**
 * Each user's restrictions, kept until a restriction or a link changes: read on every request,
 * they were a statement and a row of entities each time for what is almost always the same.
 */
class KeptRestrictions {
  private readonly kept: KeptWhileUnchanged<RecordsByKind>;

  constructor(private readonly database: DataSource) {
    this.kept = new KeptWhileUnchanged(
      database,
      [RESTRICTION_GENERATION.table, 'link_generation'],
      KEPT_RESTRICTED,
    );
  }

  of(subject: string): Promise<RecordsByKind> {
    return this.kept.get(
      subject,
      () => restrictions(this.database, subject),
      (restricted) => 1 + [...restricted.values()].reduce((sum, ids) => sum + ids.size, 0),
    );
  }
}

/** The people, and every record of theirs, restricted to named users other than `subject`. */
async function restrictions(database: DataSource, subject: string): Promise<RecordsByKind> {
  const rows = await database
    .getRepository(AccessRestriction)
    .createQueryBuilder('restriction')
    .where('restriction.lifted_at IS NULL')
    .getMany();
  const named = new Map<string, string[]>();
  for (const row of rows.filter((r) => !r.allowedSubjects.includes(subject))) {
    const [source, id] = splitRecordKey(row.recordKey);
    const kind = RECORD_KIND[source];
    if (kind) named.set(kind, [...(named.get(kind) ?? []), id]);
  }
  const restricted = new Map<string, Set<string>>();
  for (const [kind, ids] of named) {
    for (const [each, records] of (await peopleAndRecords(database, kind, ids)).byKind) {
      for (const id of records) add(restricted, each, id);
    }
    for (const id of ids) add(restricted, kind, id);
  }
  return restricted;
}

/** Which person a record is linked to: the least the scope needs of a link. */
export interface RecordOwner {
  personId: string;
  recordKind: string;
  recordId: string;
}

interface PeopleAndRecords {
  /** Record ids by kind, and the people's ids under PERSON. */
  byKind: RecordsByKind;
  /** Every record of those people, with whose it is. */
  owners: RecordOwner[];
}

/**
 * For records of one kind: the people they are linked to and every record of those people, one
 * statement per CHUNK records (three columns, no entity building: a caseload has thousands).
 */
async function peopleAndRecords(
  database: DataSource,
  kind: string,
  ids: string[],
): Promise<PeopleAndRecords> {
  const byKind: RecordsByKind = new Map([[RecordKind.PERSON, new Set()]]);
  const owners = new Map<string, RecordOwner>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await database
      .getRepository(PersonLink)
      .createQueryBuilder('link')
      .select('link.person_id', 'personId')
      .addSelect('link.record_kind', 'recordKind')
      .addSelect('link.record_id', 'recordId')
      .where(
        `link.person_id IN (SELECT named.person_id FROM person_link named
          WHERE named.record_kind = :kind AND named.record_id IN (:...ids))`,
        { kind, ids: ids.slice(i, i + CHUNK) },
      )
      .getRawMany<RecordOwner>();
    for (const row of rows) owners.set(`${row.recordKind}:${row.recordId}`, row);
  }
  for (const owner of owners.values()) {
    add(byKind, RecordKind.PERSON, owner.personId);
    add(byKind, owner.recordKind, owner.recordId);
  }
  return { byKind, owners: [...owners.values()] };
}

function add(sets: RecordsByKind, kind: string, id: string): void {
  const set = sets.get(kind) ?? new Set<string>();
  sets.set(kind, set.add(id));
}

/** `prison:A1234BC` → ['prison', 'A1234BC']. */
export function splitRecordKey(key: string): [RecordSource, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) as RecordSource, key.slice(at + 1)];
}
