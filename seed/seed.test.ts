import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../lib/config';
import { DIST_DIR } from '../lib/paths';
import { SUBGRAPH_NAMES } from '../lib/subgraphs';
import { SeedUsageError, parseSeedArguments } from './arguments';
import { buildDemoWorld } from './demo';
import { seed } from './load';
import { offByOne } from './noise';
import { NOISE } from './rates';
import { SeedFaker } from './seed-faker';

const options = (overrides = {}) => ({
  ...parseSeedArguments(['--people', '300', '--seed', '7']),
  ...overrides,
});

async function seededDirectory(overrides = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-seed-'));
  const config = loadConfig({ DATA_DIR: dataDir });
  const outcome = await seed(config, options(overrides));
  return { dataDir, config, outcome };
}

/** Every table of every database, rows in a fixed order, hashed. */
function databaseHash(dataDir: string): string {
  const hash = createHash('sha256');
  for (const name of SUBGRAPH_NAMES) {
    const db = new Database(path.join(dataDir, `${name}.sqlite`), { readonly: true });
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'migrations' ORDER BY name",
      )
      .all() as { name: string }[];
    for (const { name: table } of tables) {
      const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
        (c) => `"${c.name}"`,
      );
      hash.update(
        table +
          JSON.stringify(
            db
              .prepare(`SELECT ${columns.join(',')} FROM "${table}" ORDER BY ${columns.join(',')}`)
              .all(),
          ),
      );
    }
    db.close();
  }
  return hash.digest('hex');
}

describe('seed', () => {
  const made: string[] = [];
  afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('gives byte-identical databases and truth file for the same arguments', async () => {
    const [one, two] = [await seededDirectory(), await seededDirectory()];
    made.push(one.dataDir, two.dataDir);
    const truth = (dir: string) => readFile(path.join(dir, 'truth.csv'), 'utf8');

    expect(await truth(one.dataDir)).toBe(await truth(two.dataDir));
    expect(databaseHash(one.dataDir)).toBe(databaseHash(two.dataDir));
    // Pinned: a change here means the generator's output changed; say so in the commit.
    expect(
      createHash('sha256')
        .update(await truth(one.dataDir))
        .digest('hex')
        .slice(0, 16),
    ).toBe('07a03180a5a0deb0');
  });

  it('keeps every reference inside each database, and the truth points at real records', async () => {
    const { dataDir } = await seededDirectory();
    made.push(dataDir);
    const open = (name: string) =>
      new Database(path.join(dataDir, `${name}.sqlite`), { readonly: true });
    for (const name of SUBGRAPH_NAMES) {
      const db = open(name);
      expect({ name, violations: db.prepare('PRAGMA foreign_key_check').all() }).toEqual({
        name,
        violations: [],
      });
      db.close();
    }
    const lookups = {
      dwp: ['dwp', 'SELECT 1 FROM claimant WHERE nino = ?'],
      prison: ['moj', 'SELECT 1 FROM prisoner WHERE prison_number = ?'],
      probation: ['moj', 'SELECT 1 FROM probation_case WHERE crn = ?'],
      vcs: ['vcs', 'SELECT 1 FROM support_record WHERE id = ?'],
    } as const;
    const truth = (await readFile(path.join(dataDir, 'truth.csv'), 'utf8'))
      .trim()
      .split('\n')
      .slice(1);
    for (const line of truth) {
      const [, source, id] = line.split(',') as [string, keyof typeof lookups, string];
      const db = open(lookups[source][0]);
      expect({ line, found: Boolean(db.prepare(lookups[source][1]).get(id)) }).toEqual({
        line,
        found: true,
      });
      db.close();
    }
  });

  it('refuses a database that holds data, replaces it with --reset, keeps it with --if-empty', async () => {
    const { config, dataDir } = await seededDirectory();
    made.push(dataDir);

    await expect(seed(config, options())).rejects.toThrow(
      'already hold data: pass --reset to replace it.',
    );
    expect(await seed(config, options({ ifEmpty: true }))).toEqual({ status: 'kept' });
    await expect(seed(config, options({ reset: true, people: 20 }))).resolves.toMatchObject({
      status: 'loaded',
      people: 20,
    });
    const db = new Database(path.join(dataDir, 'moj.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM prisoner').get()).toEqual({ n: 20 });
    db.close();
  });
});

describe('noise', () => {
  const world = buildDemoWorld({ people: 4000, seed: 11 });
  const personOf = new Map(world.truth.map((t) => [`${t.source}:${t.sourceId}`, t.personKey]));
  const ninoOf = new Map(
    world.truth.filter((t) => t.source === 'dwp').map((t) => [t.personKey, t.sourceId]),
  );
  const prisoners = world.rows.moj.Prisoner;
  const within = (observed: number, configured: number, margin: number) =>
    expect({ observed: +observed.toFixed(3), configured }).toEqual({
      observed: expect.closeTo(configured, margin),
      configured,
    });

  it('records a NINO on about as many prison records as configured, some of them wrong', () => {
    const recorded = prisoners.filter((p) => p.nino);
    within(recorded.length / prisoners.length, NOISE.prison.ninoRecorded, 0.03);
    const checkable = recorded.filter((p) =>
      ninoOf.has(personOf.get(`prison:${p.prisonNumber}`) as string),
    );
    const wrong = checkable.filter(
      (p) => p.nino !== ninoOf.get(personOf.get(`prison:${p.prisonNumber}`) as string),
    );
    within(wrong.length / checkable.length, NOISE.prison.ninoWrong, 0.03);
  });

  it('leaves out dates of birth on about as many charity records as configured', () => {
    const records = world.rows.vcs.SupportRecord;
    within(
      records.filter((r) => r.dateOfBirth === null).length / records.length,
      NOISE.vcs.dobMissing,
      0.04,
    );
  });

  it('mistypes a date of birth only into another real date, 29 February included', () => {
    const faker = new SeedFaker(7, new Date('2026-01-01T00:00:00Z'));
    for (let draw = 0; draw < 200; draw++) {
      const typed = offByOne(faker, '1968-02-29');
      expect(new Date(`${typed}T00:00:00Z`).toISOString().slice(0, 10)).toBe(typed);
    }
  });

  it('makes distinct people who share a name and date of birth', () => {
    const seen = new Map<string, Set<string>>();
    for (const p of prisoners) {
      const key = `${p.givenName}|${p.familyName}|${p.dateOfBirth}`;
      seen.set(
        key,
        (seen.get(key) ?? new Set()).add(personOf.get(`prison:${p.prisonNumber}`) as string),
      );
    }
    expect([...seen.values()].filter((people) => people.size > 1).length).toBeGreaterThan(5);
  });
});

describe('seed command line', () => {
  it.each([
    [['--people', 'ten'], '--people must be a whole number of at least 1, not "ten".'],
    [['--people', '0'], '--people must be a whole number of at least 1, not "0".'],
    [['--as-of', '1 Nov'], '--as-of must be a date like 2026-11-01, not "1 Nov".'],
    [['--reset', '--if-empty'], '--reset and --if-empty cannot be used together.'],
    [['--peeple', '5'], "Unknown option '--peeple'"],
  ])('refuses %j with a message saying what to fix', (args, message) => {
    expect(() => parseSeedArguments(args)).toThrow(SeedUsageError);
    expect(() => parseSeedArguments(args)).toThrow(message);
  });

  it('exits 2 with the message and usage, no stack trace', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(DIST_DIR, 'seed', 'load.js'), '--people', 'ten'],
      { encoding: 'utf8' },
    );

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: npm run seed --');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
