import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { readChangeGeneration } from '../../../lib/change-generation';
import type { SubgraphSettings } from '../../../lib/config';
import { closeDatabase, openDatabase } from '../../../lib/database';
import { buildDemoWorld } from '../../../seed/demo';
import { ENTITY_ORDER } from '../../../seed/load';
import { createTestDatabases } from '../../../test/support/databases';
import { createVcsDatabase } from '../database';
import { charityCaseload } from './charity-caseload.resolver';
import { CharityCaseloads } from './charity-caseloads';

const engines = process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const DAY = '2026-11-24';
type Row = Record<string, string | null>;

async function vcsDatabase(engine: string) {
  if (engine === 'postgres') {
    const databases = await createTestDatabases(process.env.TEST_POSTGRES_URL as string);
    const settings = { port: 0, url: 'http://unused', databaseUrl: databases.urls.vcs };
    return { settings: { ...settings, sqliteFile: '' }, cleanup: () => databases.drop() };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'hub-caseloads-'));
  const settings: SubgraphSettings = {
    port: 0,
    url: 'http://unused',
    sqliteFile: path.join(dir, 'vcs.sqlite'),
  };
  return { settings, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

describe.each(engines)("a charity's kept caseload on %s", (engine) => {
  const rows = buildDemoWorld().rows.vcs as unknown as Record<string, Row[]>;
  let database: DataSource;
  let cleanup: () => Promise<void>;
  let caseloads: CharityCaseloads;
  let reads: number;
  // The charity with the most support records, and one record of its caseload.
  let charity: string;
  let member: string;
  let other: string;

  beforeAll(async () => {
    const made = await vcsDatabase(engine);
    cleanup = made.cleanup;
    database = await openDatabase(createVcsDatabase(made.settings));
    for (const entity of ENTITY_ORDER.vcs) {
      if (rows[entity]?.length) await database.getRepository(entity).insert(rows[entity]);
    }
    const held = new Map<string, number>();
    for (const { organisationId } of rows.SupportRecord) {
      held.set(organisationId as string, (held.get(organisationId as string) ?? 0) + 1);
    }
    [charity] = [...held].sort((a, b) => b[1] - a[1])[0];
    [member] = await charityCaseload(database, charity, DAY);
    other = rows.Organisation.map(({ id }) => id as string).find((id) => id !== charity) as string;
  });
  afterAll(async () => {
    await closeDatabase(database);
    await cleanup();
  });

  beforeEach(() => {
    reads = 0;
    caseloads = new CharityCaseloads(database, (organisation, on) => {
      reads++;
      return charityCaseload(database, organisation, on);
    });
  });

  const fresh = () => charityCaseload(database, charity, DAY);

  it('reads a caseload once while nothing it rests on changes', async () => {
    const first = await caseloads.of(charity, DAY);
    expect(first).toContain(member);
    expect(await caseloads.of(charity, DAY)).toBe(first);
    expect(reads).toBe(1);
    await caseloads.of(charity, '2026-11-25');
    await caseloads.of('another-charity', DAY);
    expect(reads).toBe(3);
  });

  it('reads afresh after a consent, referral or support record changes, whoever wrote it', async () => {
    const shown = async () => (await caseloads.of(charity, DAY)).includes(member);
    const withdraw = (on: string | null) =>
      database.query(
        `UPDATE consent SET withdrawn_on = ${on ? `'${on}'` : 'NULL'}
          WHERE support_record_id = '${member}' AND scope = 'EMPLOYMENT_SUPPORT'`,
      );
    const referrals = await database.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM referral WHERE support_record_id = '${member}'`,
    );
    const close = (status?: string) =>
      Promise.all(
        referrals.map((r) =>
          database.query(
            `UPDATE referral SET status = '${status ?? r.status}' WHERE id = '${r.id}'`,
          ),
        ),
      );
    try {
      expect(await shown()).toBe(true);
      await withdraw(DAY);
      await close('WITHDRAWN');
      expect(await shown()).toBe(false);
      await withdraw(null);
      expect(await shown()).toBe(await fresh().then((ids) => ids.includes(member)));
      await database.query(
        `UPDATE support_record SET organisation_id = '${other}' WHERE id = '${member}'`,
      );
      expect(await shown()).toBe(false);
      await database.query(
        `UPDATE support_record SET organisation_id = '${charity}' WHERE id = '${member}'`,
      );
      await close();
      expect(await shown()).toBe(true);
      expect(await caseloads.of(charity, DAY)).toEqual(await fresh());
    } finally {
      await withdraw(null);
      await close();
    }
  });

  it('is not moved by writes that cannot change a caseload', async () => {
    const before = await readChangeGeneration(database, 'caseload_generation');
    await database.query(`UPDATE organisation SET name = name WHERE id = '${charity}'`);
    expect(await readChangeGeneration(database, 'caseload_generation')).toBe(before);
    await database.query(`UPDATE consent SET scope = scope WHERE support_record_id = '${member}'`);
    expect(await readChangeGeneration(database, 'caseload_generation')).not.toBe(before);
  });

  it('lets the oldest go once the kept caseloads pass 200,000 records', async () => {
    const big = new CharityCaseloads(database, async (organisation) => {
      reads++;
      return Array.from({ length: 120_000 }, (_, i) => `${organisation}${i}`);
    });
    await big.of('a', DAY);
    await big.of('b', DAY);
    await big.of('b', DAY);
    expect(reads).toBe(2);
    await big.of('a', DAY);
    expect(reads).toBe(3);
  });

  it('answers identity with no ids while the caseload it names is unchanged', async () => {
    const first = await caseloads.changedSince(charity, DAY, null);
    expect(first.ids).toEqual(await fresh());
    expect(first.version).toEqual(expect.any(String));

    expect(await caseloads.changedSince(charity, DAY, first.version)).toEqual({
      version: first.version,
      ids: null,
    });
    expect((await caseloads.changedSince(charity, '2026-11-25', first.version)).ids).not.toBeNull();
    const elsewhere = new CharityCaseloads(database, (organisation, on) =>
      charityCaseload(database, organisation, on),
    );
    expect((await elsewhere.changedSince(charity, DAY, first.version)).ids).toEqual(first.ids);

    await database.query(`UPDATE consent SET scope = scope WHERE support_record_id = '${member}'`);
    const moved = await caseloads.changedSince(charity, DAY, first.version);
    expect(moved.ids).toEqual(first.ids);
    expect(moved.version).not.toBe(first.version);
  });

  it('keeps nothing while the generation cannot be read', async () => {
    const [row] = await database.query('SELECT "generation" FROM "caseload_generation"');
    await database.query('DELETE FROM "caseload_generation"');
    try {
      await caseloads.of(charity, DAY);
      await caseloads.of(charity, DAY);
      expect(reads).toBe(2);
      expect(await caseloads.changedSince(charity, DAY, null)).toMatchObject({ version: null });
    } finally {
      await database.query(
        `INSERT INTO "caseload_generation" ("id", "generation") VALUES (1, ${Number(row.generation)})`,
      );
    }
  });
});
