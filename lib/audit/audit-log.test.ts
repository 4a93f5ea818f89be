import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  type AuditEngine,
  auditEngines,
  coordinatorRead,
  dropAuditTriggers,
} from '../../test/support/audit';
import { type TestDatabases, createTestDatabases } from '../../test/support/databases';
import { Role } from '../auth/roles';
import type { SubgraphSettings } from '../config';
import { closeDatabase, createDataSource, openDatabase } from '../database';
import { ROOT_DIR } from '../paths';
import { AUDIT_ENTITIES, AuditEntry, GENESIS_HASH } from './audit-entry.entity';
import { metrics } from '../metrics';
import { AuditError, AuditLog } from './audit-log';
import { auditHash, canonicalAuditRow } from './hash';
import { AuditKeyHead1733500000000 } from './key-head.migration';
import { createAuditTables, dropAuditTables } from './migration';
import { verifyAuditChain } from './verify';

class AuditTables1732700000000 implements MigrationInterface {
  up = (queryRunner: QueryRunner) => createAuditTables(queryRunner);
  down = (queryRunner: QueryRunner) => dropAuditTables(queryRunner);
}

/** Runs test/support/audit-append-child.ts in a new process; resolves with what it printed. */
async function appendFromAnotherProcess(
  settings: SubgraphSettings,
  calls: number,
  tag: string,
): Promise<string> {
  const support = path.join(ROOT_DIR, 'test', 'support');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '-r',
      path.join(support, 'register-ts.js'),
      path.join(support, 'audit-append-child.ts'),
      JSON.stringify(settings),
      String(calls),
      tag,
    ],
    { cwd: ROOT_DIR, timeout: 60_000 },
  );
  return stdout;
}

const open = (settings: SubgraphSettings) =>
  openDatabase(
    createDataSource(
      {
        entities: AUDIT_ENTITIES,
        migrations: [AuditTables1732700000000, AuditKeyHead1733500000000],
      },
      settings,
    ),
  );

/** Ten rows in three calls: seq 1-4 (request r1), 5-7 (r2), 8-10 (r3). */
async function appendTen(log: AuditLog): Promise<void> {
  await log.append([
    coordinatorRead('r1', ['QQ000001A']),
    coordinatorRead('r1', ['QQ000002A', 'QQ000003A']),
    coordinatorRead('r1', ['A1234BC'], 'Prisoner', ['prisonNumber']),
    coordinatorRead('r1', []),
  ]);
  await log.append([1, 2, 3].map((n) => coordinatorRead('r2', [`QQ00000${n}A`])));
  await log.append([4, 5, 6].map((n) => coordinatorRead('r3', [`QQ00000${n}A`, 'QQ000001A'])));
  await log.indexKeys();
}

describe('audit hash', () => {
  it('is sha256 over a fixed canonical form, pinned so existing chains stay verifiable', () => {
    const row = {
      seq: 1,
      at: '2024-11-27T10:15:00.000Z',
      subject: 'user-7f3a',
      role: Role.COORDINATOR,
      organisation: 'org-nacro',
      purpose: null,
      requestId: 'r1',
      entityType: 'Claimant',
      entityKeys: ['QQ000001A'],
      fields: ['nino'],
      prevHash: GENESIS_HASH,
    };
    expect(canonicalAuditRow(row)).toBe(
      '[1,"2024-11-27T10:15:00.000Z","user-7f3a","COORDINATOR","org-nacro",null,"r1",' +
        `"Claimant",["QQ000001A"],["nino"],"${GENESIS_HASH}"]`,
    );
    expect(auditHash(row)).toBe('323e3dc079787c2d34b4cf53204ec21d5fef23d78596d1464fdded241078f7da');
  });
});

describe.each(auditEngines())('audit log on %s', (engine: AuditEngine) => {
  let settings: SubgraphSettings;
  let database: DataSource;
  let log: AuditLog;
  let cleanup: () => Promise<void>;
  /** The engine's n-th bind parameter. */
  const p = (n: number) => (engine === 'postgres' ? `$${n}` : '?');

  beforeAll(async () => {
    if (engine === 'postgres') {
      const databases: TestDatabases = await createTestDatabases(
        process.env.TEST_POSTGRES_URL as string,
      );
      settings = { port: 0, url: 'http://unused', databaseUrl: databases.urls.dwp, sqliteFile: '' };
      cleanup = () => databases.drop();
    } else {
      const dir = await mkdtemp(path.join(tmpdir(), 'hub-audit-'));
      settings = { port: 0, url: 'http://unused', sqliteFile: path.join(dir, 'audit.sqlite') };
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    database = await open(settings);
  });

  afterAll(async () => {
    await closeDatabase(database);
    await cleanup();
  });

  // A fresh chain for each test: the migrations' downs, then their ups. The key index is
  // brought up to date first, so no indexing is left to run among them (a test may have broken
  // it on purpose).
  beforeEach(async () => {
    await log?.indexKeys().catch(() => undefined);
    await database.undoLastMigration();
    await database.undoLastMigration();
    await database.runMigrations();
    log = new AuditLog(database);
  });

  const rows = () => database.getRepository(AuditEntry).find({ order: { seq: 'ASC' } });

  it('verifies an empty chain and a clean one, page by page', async () => {
    expect(await verifyAuditChain(database)).toEqual({ ok: true, rows: 0 });
    await appendTen(log);

    expect(await verifyAuditChain(database)).toEqual({ ok: true, rows: 10 });
    expect(await verifyAuditChain(database, { pageSize: 3 })).toEqual({ ok: true, rows: 10 });
    const written = await rows();
    expect(written.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(written[0]).toMatchObject({
      subject: 'user-7f3a',
      role: 'COORDINATOR',
      organisation: 'org-nacro',
      purpose: 'EMPLOYMENT_SUPPORT',
      requestId: 'r1',
      entityType: 'Claimant',
      entityKeys: ['QQ000001A'],
      fields: ['nino', 'givenName', 'familyName'],
      prevHash: GENESIS_HASH,
    });
    expect(written[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    written.forEach((row, i) => {
      expect(row.hash).toBe(auditHash(row));
      if (i) expect(row.prevHash).toBe(written[i - 1].hash);
    });
    expect(await database.query('SELECT "seq", "hash" FROM "audit_head"')).toEqual([
      { seq: 10, hash: written[9].hash },
    ]);
  });

  it('keeps one chain under parallel appends, in this process and from two others', async () => {
    const calls = Array.from({ length: 20 }, (_, i) => i);
    let othersDone = false;
    let sequential = 0;
    const [, , others] = await Promise.all([
      Promise.all([
        ...calls.map((i) =>
          log.append(
            Array.from({ length: (i % 3) + 1 }, () => coordinatorRead(`here-${i}`, [`K${i}`])),
          ),
        ),
        // Two AuditLogs on one DataSource share its queue.
        ...calls.map((i) => new AuditLog(database).append([coordinatorRead(`again-${i}`, [])])),
      ]),
      // One append after another for as long as the other processes append. Each waits for
      // the event loop first: better-sqlite3 answers without one, so a bare loop would starve it.
      (async () => {
        while ((!othersDone || sequential < 20) && sequential < 5000) {
          await new Promise((resolve) => setImmediate(resolve));
          await log.append([coordinatorRead(`loop-${sequential++}`, ['QQ000001A'])]);
        }
      })(),
      Promise.all(['a', 'b'].map((tag) => appendFromAnotherProcess(settings, 100, tag))).finally(
        () => (othersDone = true),
      ),
    ]);
    expect(others).toEqual(['done\n', 'done\n']);

    const written = await rows();
    expect(written).toHaveLength(
      calls.reduce((sum, i) => sum + (i % 3) + 1, 0) + 20 + sequential + 2 * 100 * 2,
    );
    expect(await verifyAuditChain(database)).toEqual({ ok: true, rows: written.length });
    // Each call's entries are written together: one run of seqs per request.
    const runs = written.map((row) => row.requestId).filter((id, i, all) => id !== all[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);
    // The processes did take turns: three writers one after another make at most two turns.
    // (How often they take turns is the scheduler's business: on a loaded machine, rarely.)
    const writer = (row: AuditEntry) => /^[ab]-/.exec(row.requestId)?.[0] ?? 'this process';
    const turns = written.filter((row, i) => i && writer(row) !== writer(written[i - 1])).length;
    expect(turns).toBeGreaterThan(2);
  });

  it('writes the appends of one turn of the event loop in one transaction', async () => {
    const transactions = async () =>
      (await metrics.getSingleMetric('hub_sql_statements_total')?.get())?.values.find(
        (value) => value.labels.work === 'transaction',
      )?.value ?? 0;
    await log.indexKeys();
    const before = await transactions();
    await Promise.all(['t1', 't2', 't3'].map((id) => log.append([coordinatorRead(id, ['K'])])));
    // BEGIN and COMMIT, once. (Started at once, the first would have had one of its own.)
    expect((await transactions()) - before).toBe(2);
    expect(await verifyAuditChain(database)).toMatchObject({ ok: true });
  });

  it('writes nothing for a call with an entry it cannot record', async () => {
    const nobody = coordinatorRead('r1', ['QQ000001A']);
    nobody.context.caller.subject = '';
    await expect(log.append([coordinatorRead('r1', ['QQ000002A']), nobody])).rejects.toThrow(
      new AuditError('audit: subject must not be empty'),
    );
    await expect(log.append([coordinatorRead('r2', ['K'.repeat(256)])])).rejects.toThrow(
      'audit: entity key is longer than 255 characters',
    );
    await expect(log.append([coordinatorRead('r3', ['K'], '')])).rejects.toThrow(
      'audit: entityType must not be empty',
    );
    await log.append([]);

    expect(await verifyAuditChain(database)).toEqual({ ok: true, rows: 0 });
    // A good call queued with a failing one still lands.
    await Promise.all([
      log.append([coordinatorRead('r4', ['QQ000001A'])]),
      expect(log.append([nobody])).rejects.toThrow(AuditError),
      log.append([coordinatorRead('r5', ['QQ000001A'])]),
    ]);
    expect(await verifyAuditChain(database)).toEqual({ ok: true, rows: 2 });
  });

  it('refuses UPDATE and DELETE on the log and its key index, and moving the head back', async () => {
    await appendTen(log);
    const refusals = [
      ['UPDATE "audit_log" SET "subject" = \'someone-else\' WHERE "seq" = 3', 'audit_log'],
      ['DELETE FROM "audit_log" WHERE "seq" = 10', 'audit_log'],
      ['DELETE FROM "audit_log"', 'audit_log'],
      ['UPDATE "audit_log_key" SET "entity_key" = \'QQ999999A\' WHERE "seq" = 1', 'audit_log_key'],
      ['DELETE FROM "audit_log_key" WHERE "seq" = 1', 'audit_log_key'],
    ] as const;
    for (const [sql, table] of refusals)
      await expect(database.query(sql)).rejects.toThrow(`${table} is append-only`);
    await expect(database.query('DELETE FROM "audit_head"')).rejects.toThrow(
      'audit_head cannot be deleted',
    );
    await expect(database.query('UPDATE "audit_head" SET "seq" = 9')).rejects.toThrow(
      'audit_head only moves forward',
    );
    await expect(database.query('DELETE FROM "audit_key_head"')).rejects.toThrow(
      'audit_key_head cannot be deleted',
    );
    await expect(database.query('UPDATE "audit_key_head" SET "seq" = 9')).rejects.toThrow(
      'audit_key_head only moves forward',
    );
    if (engine === 'postgres') {
      for (const table of ['audit_log', 'audit_log_key'])
        await expect(database.query(`TRUNCATE "${table}" CASCADE`)).rejects.toThrow(
          `${table} is append-only`,
        );
      await expect(database.query('TRUNCATE "audit_key_head"')).rejects.toThrow(
        'audit_key_head cannot be deleted',
      );
    }
    expect(await verifyAuditChain(database)).toEqual({ ok: true, rows: 10 });
  });

  it('detects an edited row, and one re-hashed to hide the edit', async () => {
    await appendTen(log);
    await dropAuditTriggers(database);
    await database.query(`UPDATE "audit_log" SET "fields" = '["nino"]' WHERE "seq" = 4`);

    expect(await verifyAuditChain(database)).toEqual({
      ok: false,
      rows: 3,
      problem: { seq: 4, reason: 'hash does not match its contents' },
    });

    const [edited] = (await rows()).filter((row) => row.seq === 4);
    await database.query(`UPDATE "audit_log" SET "hash" = ${p(1)} WHERE "seq" = 4`, [
      auditHash(edited),
    ]);
    expect(await verifyAuditChain(database, { pageSize: 4 })).toEqual({
      ok: false,
      rows: 4,
      problem: { seq: 5, reason: 'prev_hash does not match the hash of row 4' },
    });
  });

  it('detects a deleted row in the middle, at a page boundary too', async () => {
    await appendTen(log);
    await dropAuditTriggers(database);
    await database.query('DELETE FROM "audit_log_key" WHERE "seq" = 5');
    await database.query('DELETE FROM "audit_log" WHERE "seq" = 5');

    const missing = {
      ok: false,
      rows: 4,
      problem: { seq: 5, reason: 'row is missing (the next row is 6)' },
    };
    expect(await verifyAuditChain(database)).toEqual(missing);
    expect(await verifyAuditChain(database, { pageSize: 4 })).toEqual(missing);
    expect(await verifyAuditChain(database, { pageSize: 5 })).toEqual(missing);
  });

  it('detects a deleted last row through the chain head', async () => {
    await appendTen(log);
    await dropAuditTriggers(database);
    await database.query('DELETE FROM "audit_log_key" WHERE "seq" = 10');
    await database.query('DELETE FROM "audit_log" WHERE "seq" = 10');

    expect(await verifyAuditChain(database)).toEqual({
      ok: false,
      rows: 9,
      problem: { seq: 10, reason: 'row is missing: the chain head records 10 rows' },
    });
    // Appends go on from the head, so the gap stays in the chain.
    await log.append([coordinatorRead('r4', [])]);
    expect((await verifyAuditChain(database)).problem).toEqual({
      seq: 10,
      reason: 'row is missing (the next row is 11)',
    });
  });

  it('detects a moved head and a tampered key index', async () => {
    await appendTen(log);
    await dropAuditTriggers(database);
    await database.query('DELETE FROM "audit_log_key" WHERE "seq" = 7');
    expect((await verifyAuditChain(database)).problem).toEqual({
      seq: 7,
      reason: 'the key index (audit_log_key) does not match the row',
    });
    await database.query(
      `INSERT INTO "audit_log_key" ("seq", "entity_type", "entity_key") VALUES (7, 'Claimant', 'QQ000003A')`,
    );
    await database.query(
      `INSERT INTO "audit_log_key" ("seq", "entity_type", "entity_key") VALUES (0, 'Claimant', 'QQ000009A')`,
    );
    expect((await verifyAuditChain(database)).problem).toEqual({
      seq: 0,
      reason: 'the key index (audit_log_key) has entries for a row that does not exist',
    });
    await database.query('DELETE FROM "audit_log_key" WHERE "seq" = 0');
    expect(await verifyAuditChain(database)).toEqual({ ok: true, rows: 10 });

    // A row slipped in after the head: inserts are not refused, but the head does not move.
    await database.query(
      'INSERT INTO "audit_log" ("seq", "at", "subject", "role", "organisation", "purpose", ' +
        '"request_id", "entity_type", "entity_keys", "fields", "prev_hash", "hash") ' +
        `VALUES (11, '2024-01-01T00:00:00.000Z', 'x', 'COORDINATOR', 'o', NULL, 'r', ` +
        `'Claimant', '[]', '[]', '${GENESIS_HASH}', '${GENESIS_HASH}')`,
    );
    expect(await verifyAuditChain(database)).toEqual({
      ok: false,
      rows: 10,
      problem: { seq: 11, reason: 'row is beyond the chain head (audit_head)' },
    });
    await database.query('DELETE FROM "audit_log" WHERE "seq" = 11');

    await database.query(`UPDATE "audit_head" SET "hash" = '${'f'.repeat(64)}'`);
    expect((await verifyAuditChain(database)).problem).toEqual({
      seq: 10,
      reason: "the chain head (audit_head) does not match this row's hash",
    });
    await database.query('DELETE FROM "audit_head"');
    expect((await verifyAuditChain(database)).problem).toEqual({
      seq: 11,
      reason: 'the chain head (audit_head) is missing',
    });
  });

  it('finds who looked at records by key', async () => {
    await appendTen(log);
    const seqs = async (entityType: string, keys: string[]) =>
      (await log.entriesFor(entityType, keys)).map((entry) => entry.seq);

    expect(await seqs('Claimant', ['QQ000001A'])).toEqual([1, 5, 8, 9, 10]);
    expect(await seqs('Claimant', ['QQ000003A', 'QQ000002A', 'QQ000003A'])).toEqual([2, 6, 7]);
    expect(await seqs('Prisoner', ['A1234BC'])).toEqual([3]);
    expect(await seqs('Prisoner', ['QQ000001A'])).toEqual([]);
    expect(await seqs('Claimant', [])).toEqual([]);
    const [entry] = await log.entriesFor('Prisoner', ['A1234BC']);
    expect(entry).toBeInstanceOf(AuditEntry);
    expect(entry).toMatchObject({
      subject: 'user-7f3a',
      requestId: 'r1',
      fields: ['prisonNumber'],
    });
    // More keys than one query takes.
    const many = Array.from({ length: 1200 }, (_, i) => `X${i}`).concat('QQ000006A');
    expect(await seqs('Claimant', many)).toEqual([10]);
  });

  describe('the key index, following the chain', () => {
    const indexedTo = async () =>
      Number((await database.query('SELECT "seq" FROM "audit_key_head"'))[0].seq);
    const keyCount = async () =>
      Number((await database.query('SELECT COUNT(*) AS "n" FROM "audit_log_key"'))[0].n);

    it('is written after the row, within about a quarter of a second, and whole', async () => {
      await log.append([coordinatorRead('r1', ['QQ000001A', 'QQ000002A'])]);
      // The row is chained and verifiable before its keys are indexed.
      expect(await keyCount()).toBe(0);
      expect(await verifyAuditChain(database)).toEqual({ ok: true, rows: 1 });
      const deadline = Date.now() + 5000;
      while ((await keyCount()) < 2 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await keyCount()).toBe(2);
      expect(await indexedTo()).toBe(1);
      expect(await verifyAuditChain(database)).toEqual({ ok: true, rows: 1 });
    });

    it('is brought up to date before anyone looks a key up', async () => {
      await log.append([coordinatorRead('r1', ['QQ000001A'])]);
      expect(await keyCount()).toBe(0);
      expect((await log.entriesFor('Claimant', ['QQ000001A'])).map((e) => e.seq)).toEqual([1]);
    });

    it('catches up on a backlog larger than one indexing transaction takes', async () => {
      // 1,200 rows of 20 keys: more rows and more keys than one transaction indexes.
      const keys = (i: number) => Array.from({ length: 20 }, (_, k) => `K${i}-${k}`);
      for (let call = 0; call < 12; call++)
        await log.append(
          Array.from({ length: 100 }, (_, i) => coordinatorRead(`r${call}`, keys(call * 100 + i))),
        );
      await Promise.all([log.indexKeys(), log.append([coordinatorRead('late', ['QQ000001A'])])]);
      expect(await verifyAuditChain(database)).toEqual({ ok: true, rows: 1201 });
      expect((await log.entriesFor('Claimant', ['K1199-19', 'QQ000001A'])).length).toBe(2);
      expect(await indexedTo()).toBe(1201);
      expect(await keyCount()).toBe(1200 * 20 + 1);
    });

    it('is checked whole for every row up to its head, and its head never passes the chain', async () => {
      await appendTen(log);
      await log.append([coordinatorRead('r4', ['QQ000007A', 'QQ000008A'])]);
      await dropAuditTriggers(database);
      // Row 11 is not indexed yet: a part of its keys is a tampered index, not a late one.
      await database.query(
        `INSERT INTO "audit_log_key" ("seq", "entity_type", "entity_key") VALUES (11, 'Claimant', 'QQ000007A')`,
      );
      expect((await verifyAuditChain(database)).problem).toEqual({
        seq: 11,
        reason: 'the key index (audit_log_key) does not match the row',
      });
      await database.query(
        `INSERT INTO "audit_log_key" ("seq", "entity_type", "entity_key") VALUES (11, 'Claimant', 'QQ000008A')`,
      );
      expect(await verifyAuditChain(database)).toEqual({ ok: true, rows: 11 });
      await database.query('UPDATE "audit_key_head" SET "seq" = 12');
      expect((await verifyAuditChain(database)).problem).toEqual({
        seq: 12,
        reason: 'the key index head (audit_key_head) is beyond the chain head',
      });
      await database.query('DELETE FROM "audit_key_head"');
      expect((await verifyAuditChain(database)).problem).toEqual({
        seq: 1,
        reason: 'the key index head (audit_key_head) is missing',
      });
    });
  });
});
