import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { MAX_FACT_KEYS } from '../../../lib/person-facts';
import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { type Engine, engines, freshMojDatabase } from '../testing/engines';
import { allRows, openMoj, prisoners, probationCases } from '../testing/fixtures';
import { prisonerRecordsIn, probationCaseRecordsIn } from '../testing/records';
import { custodyReleases } from './custody-releases';
import { prisonReadiness } from './prison-readiness';
import { prisonTimeline } from './prison-timeline';
import { probationReadiness } from './probation-readiness';

/** The fixture keys, then keys nobody holds, to the most one call may ask about. */
const padded = (keys: string[]) => [
  ...keys,
  ...Array.from({ length: MAX_FACT_KEYS - keys.length }, (_, i) => `Z${i}`),
];
const prisonNumbers = padded(prisoners.map((p) => p.prisonNumber));
const crns = padded(probationCases.map((c) => c.crn));

const FACTS: [string, (database: DataSource) => Promise<unknown[]>][] = [
  [
    'prisonReadiness',
    async (database) => prisonReadiness(await prisonerRecordsIn(database, prisonNumbers)),
  ],
  [
    'probationReadiness',
    async (database) => probationReadiness(await probationCaseRecordsIn(database, crns)),
  ],
  ['custodyReleases', (database) => custodyReleases(database, prisonNumbers)],
  [
    'prisonTimeline',
    async (database) => prisonTimeline(await prisonerRecordsIn(database, prisonNumbers)),
  ],
];

/** The other tests read the facts from in-memory SQLite; each engine must give the same. */
const POSTGRES = process.env.TEST_POSTGRES_URL;

describe.each(engines(POSTGRES))('person facts from a migrated %s database', (engine: Engine) => {
  let reference: SubgraphUnderTest;
  let database: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    reference = await openMoj();
    ({ database, drop } = await freshMojDatabase(engine, POSTGRES));
    for (const [entity, rows] of allRows) await database.getRepository(entity).insert(rows);
  });
  afterAll(async () => {
    await reference.close();
    await drop();
  });

  it.each(FACTS)('gives the same %s', async (_name, facts) => {
    const expected = await facts(reference.database);

    expect(expected.length).toBeGreaterThan(0);
    expect(await facts(database)).toEqual(expected);
  });
});
