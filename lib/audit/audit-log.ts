import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../auth/roles';
import { bulkInsert } from '../bulk-sql';
import { AUDIT_LIMITS, AuditEntry, AuditEntryKey } from './audit-entry.entity';
import { type HashedFields, auditHash } from './hash';
import { type Engine, engineOf, parameter, parameters } from './sql';

/** One person-level read to record: who (from the request), which records, which fields. */
export interface AuditRead {
  context: RequestContext;
  /** The GraphQL type read, e.g. 'Claimant'. */
  entityType: string;
  /** The native keys of the records read, e.g. NINOs; duplicates are recorded once. */
  entityKeys: string[];
  /** The names of the fields returned. */
  fields: string[];
}

/** A read that cannot be recorded as given: the read it describes should not be answered. */
export class AuditError extends Error {}

/** A row before it has its place in the chain. */
type Unchained = Omit<HashedFields, 'seq' | 'at' | 'prevHash'>;

/** PostgreSQL advisory lock key of the chain head: one per database, so one per subgraph. */
const CHAIN_LOCK = 0x61756469; // 'audi'
/** Most rows written in one transaction when queued appends are written together. */
const MAX_ROWS_PER_TRANSACTION = 5000;
/** Most keys in one IN list. */
const KEYS_PER_QUERY = 500;
/** How long the key index trails an append: appends in between are indexed together. */
const INDEX_DELAY_MS = 250;
/** Most rows, and about the most keys, indexed in one transaction, so no catch-up holds appends long. */
const INDEX_ROWS_PER_TRANSACTION = 500;
const INDEX_KEYS_PER_TRANSACTION = 10_000;

/**
 * The hash-chained, append-only audit log of one subgraph's database.
 *
 * Appends are serialised: within a process, through one queue per DataSource (appends waiting
 * behind a running one are written together, in one transaction, each call whole); across
 * processes, by a transaction-scoped advisory lock on PostgreSQL and by SQLite's single writer
 * lock, taken before the chain head is read.
 *
 * The key index (audit_log_key, for "who read this record") follows the chain rather than being
 * written with each append: a row is committed, hashed and chained before its read is answered,
 * and its keys are indexed within about a quarter of a second, many appends' at once, up to
 * `audit_key_head`. Random-order index inserts were most of an append's cost. Anything asking the
 * index first brings it up to date, so no lookup ever misses a recorded read.
 */
export class AuditLog {
  constructor(private readonly database: DataSource) {}

  /**
   * Records `entries` in one transaction: resolves once they are committed, rejects (with
   * nothing written) if they could not be. Throws AuditError for an entry that cannot be
   * recorded as given (an empty subject or entity type, a value longer than its column).
   */
  async append(entries: AuditRead[]): Promise<void> {
    const rows = entries.map(unchained);
    if (!rows.length) return;
    await chainWriter(this.database).write(rows);
  }

  /** Every recorded read of any of `keys` of `entityType`, oldest first: who looked at them. */
  async entriesFor(entityType: string, keys: string[]): Promise<AuditEntry[]> {
    await this.indexKeys();
    const unique = [...new Set(keys)];
    const found = new Map<number, AuditEntry>();
    for (let start = 0; start < unique.length; start += KEYS_PER_QUERY) {
      const chunk = unique.slice(start, start + KEYS_PER_QUERY);
      const entries = await this.database
        .getRepository(AuditEntry)
        .createQueryBuilder('entry')
        .where(
          'entry.seq IN (SELECT k.seq FROM audit_log_key k ' +
            'WHERE k.entity_type = :entityType AND k.entity_key IN (:...chunk))',
          { entityType, chunk },
        )
        .orderBy('entry.seq', 'ASC')
        .getMany();
      for (const entry of entries) found.set(entry.seq, entry);
    }
    return [...found.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Brings the key index up to every row committed before the call. */
  indexKeys(): Promise<void> {
    return chainWriter(this.database).indexed();
  }
}

function unchained(read: AuditRead): Unchained {
  const { caller, purpose, requestId } = read.context;
  const row: Unchained = {
    subject: caller.subject,
    role: caller.role,
    organisation: caller.organisation,
    purpose: purpose ?? null,
    requestId,
    entityType: read.entityType,
    entityKeys: [...new Set(read.entityKeys)],
    fields: [...read.fields],
  };
  for (const name of ['subject', 'role', 'requestId', 'entityType'] as const)
    text(name, row[name], AUDIT_LIMITS[name], true);
  text('organisation', row.organisation, AUDIT_LIMITS.organisation, false);
  if (row.purpose !== null) text('purpose', row.purpose, AUDIT_LIMITS.purpose, true);
  for (const key of row.entityKeys) text('entity key', key, AUDIT_LIMITS.entityKey, true);
  for (const field of row.fields) text('field name', field, Infinity, true);
  return row;
}

function text(name: string, value: unknown, maxLength: number, required: boolean): void {
  if (typeof value !== 'string') throw new AuditError(`audit: ${name} must be a string`);
  if (required && !value) throw new AuditError(`audit: ${name} must not be empty`);
  if (value.length > maxLength)
    throw new AuditError(`audit: ${name} is longer than ${maxLength} characters`);
}

interface Pending {
  rows: Unchained[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

const writers = new WeakMap<DataSource, ChainWriter>();

/** One writer per DataSource, however many AuditLogs share it. */
function chainWriter(database: DataSource): ChainWriter {
  let writer = writers.get(database);
  if (!writer) writers.set(database, (writer = new ChainWriter(database)));
  return writer;
}

interface Waiting {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The in-process queue: one transaction at a time, taking every append waiting behind it, and
 * between appends, when due, one step of bringing the key index up to the chain.
 */
class ChainWriter {
  private readonly pending: Pending[] = [];
  private readonly indexWaiting: Waiting[] = [];
  private running = false;
  private indexDue = false;
  private indexTimer: NodeJS.Timeout | undefined;

  constructor(private readonly database: DataSource) {}

  write(rows: Unchained[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ rows, resolve, reject });
      this.run();
    });
  }

  indexed(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.indexWaiting.push({ resolve, reject });
      this.indexDue = true;
      this.run();
    });
  }

  /**
   * Starts the queue on the event loop's next turn, not at once: a read answered from SQLite
   * completes without yielding, so the appends of requests answered in one turn would otherwise
   * take a transaction, and a synced commit, each.
   */
  private run(): void {
    if (this.running) return;
    this.running = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length || this.indexDue) {
        if (this.pending.length) await this.appendBatch();
        if (this.indexDue) await this.indexStep();
      }
    } finally {
      this.running = false;
    }
  }

  private async appendBatch(): Promise<void> {
    const batch = this.takeBatch();
    try {
      await this.commit(batch.flatMap((call) => call.rows));
      for (const call of batch) call.resolve();
    } catch (error) {
      // One call's failure must not fail the others queued with it: each again, alone.
      if (batch.length === 1) batch[0].reject(error);
      else await this.commitEachAlone(batch);
    }
    this.indexSoon();
  }

  private async commitEachAlone(calls: Pending[]): Promise<void> {
    for (const call of calls) {
      try {
        await this.commit(call.rows);
        call.resolve();
      } catch (error) {
        call.reject(error);
      }
    }
  }

  /** Whole calls, oldest first, up to MAX_ROWS_PER_TRANSACTION rows (at least one call). */
  private takeBatch(): Pending[] {
    let rows = this.pending[0].rows.length;
    let count = 1;
    while (
      count < this.pending.length &&
      rows + this.pending[count].rows.length <= MAX_ROWS_PER_TRANSACTION
    )
      rows += this.pending[count++].rows.length;
    return this.pending.splice(0, count);
  }

  private commit(rows: Unchained[]): Promise<void> {
    return this.database.transaction(async (manager) => {
      const engine = engineOf(manager);
      await lockChain(manager, engine);
      const head = await readHead(manager);
      const at = new Date().toISOString();
      let { seq, hash } = head;
      const chained: AuditEntry[] = rows.map((row) => {
        const fields: HashedFields = { seq: ++seq, at, ...row, prevHash: hash };
        hash = auditHash(fields);
        return { ...fields, hash };
      });
      await bulkInsert(manager, AuditEntry, chained);
      await manager.query(
        `UPDATE "audit_head" SET "seq" = ${parameter(engine, 1)}, "hash" = ${parameter(engine, 2)} ` +
          'WHERE "id" = 1',
        [seq, hash],
      );
    });
  }

  private indexSoon(): void {
    if (this.indexTimer) return;
    this.indexTimer = setTimeout(() => {
      this.indexTimer = undefined;
      this.indexDue = true;
      this.run();
    }, INDEX_DELAY_MS).unref();
  }

  /**
   * One transaction of indexing. Whoever waits for the index is answered once a step finds
   * nothing more to index; a failure reaches them, and is otherwise tried again after the next
   * append (the rows stay in the chain, only their index entries wait).
   */
  private async indexStep(): Promise<void> {
    this.indexDue = false;
    const waiting = this.indexWaiting.splice(0);
    try {
      if (await indexKeysStep(this.database)) {
        clearTimeout(this.indexTimer);
        this.indexTimer = undefined;
        for (const waiter of waiting) waiter.resolve();
        return;
      }
      this.indexWaiting.unshift(...waiting);
      this.indexDue = true;
    } catch (error) {
      for (const waiter of waiting) waiter.reject(error);
    }
  }
}

/**
 * Indexes the keys of the rows after `audit_key_head`, oldest first, up to the limits, and moves
 * it on; true when no row was left unindexed.
 */
function indexKeysStep(database: DataSource): Promise<boolean> {
  return database.transaction(async (manager) => {
    const engine = engineOf(manager);
    await lockChain(manager, engine);
    const [head] = (await manager.query('SELECT "seq" FROM "audit_key_head" WHERE "id" = 1')) as {
      seq: number | string;
    }[];
    if (!head) throw new AuditError('audit: the key index head (audit_key_head) is missing');
    const rows = (await manager.query(
      'SELECT "seq", "entity_type" AS "entityType", "entity_keys" AS "entityKeys" ' +
        `FROM "audit_log" WHERE "seq" > ${parameter(engine, 1)} ORDER BY "seq" LIMIT ${INDEX_ROWS_PER_TRANSACTION}`,
      [Number(head.seq)],
    )) as { seq: number | string; entityType: string; entityKeys: string }[];
    const keys: AuditEntryKey[] = [];
    let last = Number(head.seq);
    let taken = 0;
    for (const row of rows) {
      const entityKeys = JSON.parse(row.entityKeys) as string[];
      if (taken && keys.length + entityKeys.length > INDEX_KEYS_PER_TRANSACTION) break;
      last = Number(row.seq);
      taken++;
      for (const entityKey of entityKeys)
        keys.push({ seq: last, entityType: row.entityType, entityKey });
    }
    if (!taken) return true;
    await bulkInsert(manager, AuditEntryKey, keys);
    await manager.query(
      `UPDATE "audit_key_head" SET "seq" = ${parameter(engine, 1)} WHERE "id" = 1`,
      [last],
    );
    return taken === rows.length && rows.length < INDEX_ROWS_PER_TRANSACTION;
  });
}

/**
 * Makes this transaction the chain's only writer until it ends. PostgreSQL: an advisory lock
 * that other processes' appends wait for. SQLite: a write first, so the transaction holds the
 * database's write lock (waiting for another process's, within the busy timeout) before it
 * reads the head, rather than failing when it upgrades a read to a write.
 */
async function lockChain(manager: EntityManager, engine: Engine): Promise<void> {
  if (engine === 'postgres')
    await manager.query(`SELECT pg_advisory_xact_lock(${parameters(engine, 1)})`, [CHAIN_LOCK]);
  else await manager.query('UPDATE "audit_head" SET "seq" = "seq" WHERE "id" = 1');
}

async function readHead(manager: EntityManager): Promise<{ seq: number; hash: string }> {
  const [head] = (await manager.query('SELECT "seq", "hash" FROM "audit_head" WHERE "id" = 1')) as {
    seq: number | string;
    hash: string;
  }[];
  if (!head) throw new AuditError('audit: the chain head (audit_head) is missing');
  return { seq: Number(head.seq), hash: head.hash };
}
