import 'reflect-metadata';
import type { DataSource, Logger } from 'typeorm';
import { unscopedLookup } from '../../../lib/access/scope';
import { closeDatabase, openDatabase } from '../../../lib/database';
import { buildDemoWorld } from '../../../seed/demo';
import { ENTITY_ORDER } from '../../../seed/load';
import { SUBJECT_ACCESS_STEWARD } from '../../../test/support/callers';
import { createTestDatabases } from '../../../test/support/databases';
import { type DwpContext, createContext } from '../context';
import { createDwpDatabase } from '../database';
import { primedClaimant } from './claimant.bundle';

const SETTINGS = { port: 0, url: 'http://unused', sqliteFile: ':memory:' };

const engines: [string, () => Promise<{ database: DataSource; done: () => Promise<void> }>][] = [
  [
    'SQLite',
    async () => {
      const database = await openDatabase(createDwpDatabase(SETTINGS));
      return { database, done: () => closeDatabase(database) };
    },
  ],
];
if (process.env.TEST_POSTGRES_URL) {
  engines.push([
    'PostgreSQL',
    async () => {
      const databases = await createTestDatabases(process.env.TEST_POSTGRES_URL as string);
      const database = await openDatabase(
        createDwpDatabase({ ...SETTINGS, databaseUrl: databases.urls.dwp }),
      );
      return {
        database,
        done: async () => {
          await closeDatabase(database);
          await databases.drop();
        },
      };
    },
  ]);
}

const UNKNOWN_NINO = 'ZZ000000A';

describe.each(engines)("claimants' loaders primed from their bundles (%s)", (_engine, open) => {
  const world = buildDemoWorld();
  const claimants = world.rows.dwp.Claimant as { nino: string; workCoachId: string | null }[];
  const ninos = [...claimants.map((claimant) => claimant.nino), UNKNOWN_NINO];
  const coachIds = [...new Set(claimants.flatMap((claimant) => claimant.workCoachId ?? []))];
  // Two claims on one day, stored in the reverse of the loader's order (by date, then id).
  const [claim] = world.rows.dwp.BenefitClaim;
  world.rows.dwp.BenefitClaim.push(
    { ...claim, id: 'ffffffff-0000-4000-8000-000000000000', claimDate: '2020-01-01' },
    { ...claim, id: '00000000-0000-4000-8000-000000000000', claimDate: '2020-01-01' },
  );
  let database: DataSource;
  let done: () => Promise<void>;
  const statements: string[] = [];

  beforeAll(async () => {
    ({ database, done } = await open());
    for (const entity of ENTITY_ORDER.dwp) {
      const rows = world.rows.dwp[entity] ?? [];
      for (let at = 0; at < rows.length; at += 500)
        await database.getRepository(entity).insert(rows.slice(at, at + 500));
    }
    const logger: Pick<Logger, 'logQuery'> = { logQuery: (sql) => void statements.push(sql) };
    database.setOptions({ logger: logger as Logger, logging: ['query'] });
  }, 60_000);
  afterAll(() => done());

  const context = (): DwpContext =>
    createContext(database, SUBJECT_ACCESS_STEWARD, { scope: unscopedLookup });

  /** What each loader the claimant's fields use gives for every claimant and work coach. */
  const everyLoad = ({ loaders }: DwpContext) =>
    Promise.all([
      loaders.claimantByNino.loadMany(ninos),
      loaders.workCoachById.loadMany(coachIds),
      loaders.benefitClaimsByNino.loadMany(ninos),
      loaders.appointmentsByNino.loadMany(ninos),
      loaders.programmeReferralsByNino.loadMany(ninos),
      loaders.employmentOutcomesByNino.loadMany(ninos),
    ]);

  it('primes exactly what the loaders would read, in one statement, for every claimant', async () => {
    const primed = context();
    statements.length = 0;
    await Promise.all(ninos.map((nino) => primedClaimant(primed, nino)));
    expect(statements).toHaveLength(1);

    statements.length = 0;
    const fromBundles = await everyLoad(primed);
    expect(statements).toEqual([]);

    const fromLoaders = await everyLoad(context());
    expect(statements.length).toBeGreaterThan(0);
    expect(fromBundles).toStrictEqual(fromLoaders);
    expect(fromBundles[0].at(-1)).toBeNull();
    expect(fromBundles[2].at(-1)).toEqual([]);
    expect(fromBundles.flat(2).length).toBeGreaterThan(ninos.length * 3);
  });
});
