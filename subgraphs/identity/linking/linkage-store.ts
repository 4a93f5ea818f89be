import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { bulkInsert, selectColumns } from '../../../lib/bulk-sql';
import { PersonLink, LinkStatus } from '../person/person-link.entity';
import { Person } from '../person/person.entity';
import { StoredSourceRecord } from '../records/source-record.entity';
import { LinkageState } from '../records/linkage-state.entity';
import { LinkReview, ReviewReason, ReviewStatus } from '../review/link-review.entity';
import { StewardDecisionRecord } from '../review/steward-decision.entity';
import type { Linkage, StewardDecision } from './linker';
import { freshId } from './person-ids';
import {
  RECORD_KIND,
  SOURCE_OF_KIND,
  type RecordedName,
  type SourceRecord,
  inRecordKeyOrder,
  recordKey,
} from './source-record';

const CHUNK = 5000;

const STORED_COLUMNS = [
  'source',
  'sourceId',
  'givenName',
  'familyName',
  'otherNames',
  'dateOfBirth',
  'postcode',
  'nino',
  'prisonNumber',
  'pncNumber',
  'crn',
] as const;

type StoredRow = Omit<StoredSourceRecord, 'otherNames' | 'updatedAt'> & {
  otherNames: string | null;
};

/** Every stored record, read as raw rows: a million entities would cost more than the linking. */
export async function loadSourceRecords(database: DataSource): Promise<SourceRecord[]> {
  const rows = await selectColumns<StoredRow>(database.manager, StoredSourceRecord, [
    ...STORED_COLUMNS,
  ]);
  return inRecordKeyOrder(
    rows.map((row) => ({
      ...row,
      otherNames: row.otherNames ? (JSON.parse(row.otherNames) as RecordedName[]) : [],
    })),
  );
}

export function toSourceRecord(row: StoredSourceRecord): SourceRecord {
  return { ...row, otherNames: row.otherNames ?? [] };
}

/** Replaces the stored copy of each record with what its feed sent now. */
export async function saveSourceRecords(
  manager: EntityManager,
  records: (SourceRecord & { updatedAt: string })[],
): Promise<void> {
  const rows = records.map((record) => ({
    source: record.source,
    sourceId: record.sourceId,
    givenName: record.givenName,
    familyName: record.familyName,
    otherNames: record.otherNames?.length ? record.otherNames : null,
    dateOfBirth: record.dateOfBirth,
    postcode: record.postcode ?? null,
    nino: record.nino,
    prisonNumber: record.prisonNumber,
    pncNumber: record.pncNumber,
    crn: record.crn ?? null,
    updatedAt: record.updatedAt,
  }));
  await bulkInsert(manager, StoredSourceRecord, rows, { upsertOn: ['source', 'sourceId'] });
}

export async function loadDecisions(
  database: DataSource | EntityManager,
): Promise<StewardDecision[]> {
  const rows = await database.getRepository(StewardDecisionRecord).find({ order: { id: 'ASC' } });
  return rows.map(({ kind, recordA, recordB }) => ({ kind, recordA, recordB }));
}

/** Record key → the person id it had after the last run. */
export async function loadAssignment(database: DataSource): Promise<Map<string, string>> {
  const links = await selectColumns<Pick<PersonLink, 'personId' | 'recordKind' | 'recordId'>>(
    database.manager,
    PersonLink,
    ['personId', 'recordKind', 'recordId'],
  );
  return new Map(
    links.map((link) => [`${SOURCE_OF_KIND[link.recordKind]}:${link.recordId}`, link.personId]),
  );
}

export async function readState<T>(
  database: DataSource | EntityManager,
  name: string,
): Promise<T | null> {
  const row = await database.getRepository(LinkageState).findOneBy({ name });
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function writeState(
  manager: EntityManager,
  name: string,
  value: unknown,
): Promise<void> {
  await manager
    .getRepository(LinkageState)
    .upsert({ name, value: JSON.stringify(value) }, ['name']);
}

/** A fresh person id derived from a record key, unused by any person now held. */
export async function newPersonId(manager: EntityManager, key: string): Promise<string> {
  const taken = new Set<string>();
  for (;;) {
    const id = freshId(key, taken);
    if (!(await manager.getRepository(Person).existsBy({ id }))) return id;
    taken.add(id);
  }
}

/** Whose details name the person, best first: the prison checks identity at reception. */
const NAMING_ORDER = ['prison', 'probation', 'dwp', 'vcs'];

export function personFor(id: string, records: SourceRecord[]): Person {
  const [namer] = [...records].sort(
    (a, b) =>
      NAMING_ORDER.indexOf(a.source) - NAMING_ORDER.indexOf(b.source) ||
      a.sourceId.localeCompare(b.sourceId),
  );
  return Object.assign(new Person(), {
    id,
    givenName: namer.givenName,
    familyName: namer.familyName,
    dateOfBirth: records.find((r) => r.dateOfBirth)?.dateOfBirth ?? null,
  });
}

/** Replaces every person, link and pending review with a full run's; decided reviews stay. */
export async function saveLinkage(
  manager: EntityManager,
  linkage: Linkage,
  ids: string[],
  now = new Date().toISOString(),
): Promise<void> {
  const records = linkage.features.map((f) => f.record);
  await manager.getRepository(LinkReview).delete({ status: ReviewStatus.PENDING });
  await manager.getRepository(PersonLink).createQueryBuilder().delete().execute();
  await manager.getRepository(Person).createQueryBuilder().delete().execute();
  const people = linkage.clusters.map((members, c) =>
    personFor(
      ids[c],
      members.map((r) => records[r]),
    ),
  );
  await bulkInsert(manager, Person, people);
  // Explanations are worked out a chunk at a time, so only one chunk's are held at once.
  for (let start = 0; start < linkage.links.length; start += CHUNK) {
    const links = linkage.links.slice(start, start + CHUNK).map((link, offset) => {
      const r = start + offset;
      const explanation = link.match ? linkage.explain(r, link.match.otherRecord) : null;
      return {
        personId: ids[link.cluster],
        recordKind: RECORD_KIND[records[r].source],
        recordId: records[r].sourceId,
        status: link.status as LinkStatus,
        matchProbability: explanation?.probability ?? null,
        explanation,
      };
    });
    await bulkInsert(manager, PersonLink, links);
  }
  const sizeOf = (record: number) => linkage.clusters[linkage.links[record].cluster].length;
  const reviews = linkage.reviews.map((review) => ({
    id: randomUUID(),
    ...pairKeys(recordKey(records[review.recordA]), recordKey(records[review.recordB])),
    reason: review.reason as ReviewReason,
    matchProbability: review.explanation.probability,
    explanation: review.explanation,
    impact: sizeOf(review.recordA) + sizeOf(review.recordB),
    status: ReviewStatus.PENDING,
    decidedBy: null,
    decidedAt: null,
    createdAt: now,
  }));
  await bulkInsert(manager, LinkReview, reviews);
  await writeState(manager, 'model', linkage.parameters);
}

/** A review's two records in a fixed order, so one pair is one row however it was found. */
export function pairKeys(a: string, b: string): { recordA: string; recordB: string } {
  return a < b ? { recordA: a, recordB: b } : { recordA: b, recordB: a };
}
