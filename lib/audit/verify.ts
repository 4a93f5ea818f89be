import type { DataSource } from 'typeorm';
import { GENESIS_HASH } from './audit-entry.entity';
import { auditHash } from './hash';
import { engineOf, parameter } from './sql';

export interface AuditChainProblem {
  /** The row where the chain first breaks (for a missing row: the seq it would have had). */
  seq: number;
  reason: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Rows checked and found sound: every row when ok, those before the problem otherwise. */
  rows: number;
  problem?: AuditChainProblem;
}

export interface VerifyOptions {
  /** Rows read per query; memory stays bounded by this however long the log is. */
  pageSize?: number;
}

interface RawRow {
  seq: number;
  at: string;
  subject: string;
  role: string;
  organisation: string;
  purpose: string | null;
  requestId: string;
  entityType: string;
  entityKeys: string;
  fields: string;
  prevHash: string;
  hash: string;
}

interface RawKey {
  seq: number;
  entityType: string;
  entityKey: string;
}

const SELECT_ROWS =
  'SELECT "seq", "at", "subject", "role", "organisation", "purpose", "request_id" AS "requestId", ' +
  '"entity_type" AS "entityType", "entity_keys" AS "entityKeys", "fields", ' +
  '"prev_hash" AS "prevHash", "hash" FROM "audit_log"';

/**
 * Walks the audit log in seq order, a page at a time, and says whether it is as written: each
 * row's hash matches its contents, each row names the previous row's hash, seq runs 1, 2, 3, …
 * without a gap, each row's key index entries are exactly its keys (none yet, for a row the key
 * index has not reached, or all of them), and the last row is the one
 * the chain head records (which is what shows a deleted last row). Rows appended while it runs
 * are left for the next run: it checks the chain up to the head it read first.
 */
export async function verifyAuditChain(
  database: DataSource,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 1000;
  const engine = engineOf(database);
  const p = (n: number) => parameter(engine, n);
  // One statement, so the head and the last seq are read at the same moment.
  const [snapshot] = (await database.query(
    'SELECT (SELECT "seq" FROM "audit_head" WHERE "id" = 1) AS "headSeq", ' +
      '(SELECT "hash" FROM "audit_head" WHERE "id" = 1) AS "headHash", ' +
      '(SELECT "seq" FROM "audit_key_head" WHERE "id" = 1) AS "keyHeadSeq", ' +
      '(SELECT MAX("seq") FROM "audit_log") AS "lastSeq"',
  )) as {
    headSeq: number | null;
    headHash: string | null;
    keyHeadSeq: number | null;
    lastSeq: number | null;
  }[];
  const head =
    snapshot.headSeq === null
      ? null
      : { seq: Number(snapshot.headSeq), hash: snapshot.headHash as string };
  const lastSeq = snapshot.lastSeq === null ? 0 : Number(snapshot.lastSeq);
  const limit = head ? head.seq : lastSeq;
  const indexedTo = snapshot.keyHeadSeq === null ? null : Number(snapshot.keyHeadSeq);

  let rows = 0;
  let previousHash = GENESIS_HASH;
  const broken = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    rows,
    problem: { seq, reason },
  });
  if (indexedTo === null) return broken(1, 'the key index head (audit_key_head) is missing');
  if (head && indexedTo > head.seq)
    return broken(head.seq + 1, 'the key index head (audit_key_head) is beyond the chain head');
  let after = 0;
  for (;;) {
    const page = (await database.query(
      `${SELECT_ROWS} WHERE "seq" > ${p(1)} AND "seq" <= ${p(2)} ORDER BY "seq" LIMIT ${p(3)}`,
      [after, limit, pageSize],
    )) as RawRow[];
    if (!page.length) break;
    const pageLast = Number(page[page.length - 1].seq);
    // The first page also takes any key index entries below row 1: they belong to no row.
    const keys = await keysBetween(database, after || null, pageLast);
    for (const raw of page) {
      const seq = Number(raw.seq);
      const expected = rows + 1;
      if (seq !== expected)
        return broken(expected, `row is missing (the next row is ${seq.toLocaleString('en-GB')})`);
      const problem = checkRow(raw, seq, previousHash, keys.get(seq) ?? [], seq <= indexedTo);
      if (problem) return broken(seq, problem);
      keys.delete(seq);
      previousHash = raw.hash;
      rows++;
    }
    if (keys.size) {
      const orphan = Math.min(...keys.keys());
      return broken(
        orphan,
        'the key index (audit_log_key) has entries for a row that does not exist',
      );
    }
    after = pageLast;
    if (page.length < pageSize) break;
  }

  if (!head) return broken(rows + 1, 'the chain head (audit_head) is missing');
  if (head.seq > rows)
    return broken(
      rows + 1,
      `row is missing: the chain head records ${head.seq.toLocaleString('en-GB')} rows`,
    );
  if (head.hash !== previousHash)
    return broken(rows, "the chain head (audit_head) does not match this row's hash");
  if (lastSeq > head.seq) return broken(head.seq + 1, 'row is beyond the chain head (audit_head)');
  return { ok: true, rows };
}

/** What is wrong with one row, or null. */
function checkRow(
  raw: RawRow,
  seq: number,
  previousHash: string,
  indexed: RawKey[],
  mustBeIndexed: boolean,
): string | null {
  let entityKeys: unknown;
  let fields: unknown;
  try {
    entityKeys = JSON.parse(raw.entityKeys);
    fields = JSON.parse(raw.fields);
  } catch {
    return 'hash does not match its contents (entity_keys or fields is not JSON)';
  }
  const hash = auditHash({
    seq,
    at: raw.at,
    subject: raw.subject,
    role: raw.role,
    organisation: raw.organisation,
    purpose: raw.purpose,
    requestId: raw.requestId,
    entityType: raw.entityType,
    entityKeys: entityKeys as string[],
    fields: fields as string[],
    prevHash: raw.prevHash,
  });
  if (hash !== raw.hash) return 'hash does not match its contents';
  if (raw.prevHash !== previousHash)
    return seq === 1
      ? 'prev_hash of the first row is not 64 zeros'
      : `prev_hash does not match the hash of row ${(seq - 1).toLocaleString('en-GB')}`;
  // A row after the key head may be indexed while this runs, but only whole, in one transaction.
  if (!mustBeIndexed && !indexed.length) return null;
  const expected = (entityKeys as string[]).map((key) => `${raw.entityType}\u0000${key}`).sort();
  const actual = indexed.map((key) => `${key.entityType}\u0000${key.entityKey}`).sort();
  if (expected.length !== actual.length || expected.some((key, i) => key !== actual[i]))
    return 'the key index (audit_log_key) does not match the row';
  return null;
}

/** The key index entries with after < seq <= last (no lower bound when after is null), by seq. */
async function keysBetween(
  database: DataSource,
  after: number | null,
  last: number,
): Promise<Map<number, RawKey[]>> {
  const engine = engineOf(database);
  const range =
    after === null
      ? `"seq" <= ${parameter(engine, 1)}`
      : `"seq" > ${parameter(engine, 1)} AND "seq" <= ${parameter(engine, 2)}`;
  const keys = (await database.query(
    `SELECT "seq", "entity_type" AS "entityType", "entity_key" AS "entityKey" FROM "audit_log_key" WHERE ${range}`,
    after === null ? [last] : [after, last],
  )) as RawKey[];
  const bySeq = new Map<number, RawKey[]>();
  for (const key of keys) {
    const seq = Number(key.seq);
    const list = bySeq.get(seq);
    if (list) list.push(key);
    else bySeq.set(seq, [key]);
  }
  return bySeq;
}
