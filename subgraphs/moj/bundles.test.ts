import 'reflect-metadata';
import type DataLoader from 'dataloader';
import type { DataSource, Logger } from 'typeorm';
import { readBundle } from '../../lib/bundle';
import { buildDemoWorld } from '../../seed/demo';
import { ENTITY_ORDER } from '../../seed/load';
import { IDENTITY_SERVICE_REQUEST, SUBJECT_ACCESS_STEWARD } from '../../test/support/callers';
import { type Rows, type SubgraphUnderTest } from '../../test/support/subgraph';
import { type MojLoaders, createLoaders } from './context';
import { PRISONER_PARTS, primePrisoner, prisonerRecord } from './prisoner/prisoner.bundle';
import {
  PROBATION_CASE_PARTS,
  primeProbationCase,
  probationCaseRecord,
} from './probation/probation-case.bundle';
import { type Engine, engines, freshMojDatabase } from './testing/engines';
import { openMoj } from './testing/fixtures';

type Row = Record<string, unknown>;
const world = buildDemoWorld().rows.moj as unknown as Record<string, Row[]>;
const demoRows = ENTITY_ORDER.moj.map((entity) => [entity, world[entity] ?? []]) as Rows;
const column = (entity: string, property: string) => [
  ...new Set(world[entity].map((row) => row[property] as string)),
];

const prisonNumbers = [...column('Prisoner', 'prisonNumber'), 'Z9999ZZ'];
const crns = [...column('ProbationCase', 'crn'), 'Z999999'];
const periodIds = column('CustodyPeriod', 'id');
const codes = column('CustodyPeriod', 'establishmentCode');

/** Every key of every loader the Prisoner, CustodyPeriod and ProbationCase fields read. */
const KEYS: [keyof MojLoaders, string[]][] = [
  ['prisonerByNumber', prisonNumbers],
  ['aliasesByPrisonNumber', prisonNumbers],
  ['custodyPeriodsByPrisonNumber', prisonNumbers],
  ['establishmentByCode', codes],
  ['educationCoursesByCustodyPeriod', periodIds],
  ['workPlacementsByCustodyPeriod', periodIds],
  ['temporaryLicencesByCustodyPeriod', periodIds],
  ['probationCaseByCrn', crns],
  ['licenceConditionsByCrn', crns],
];

const POSTGRES = process.env.TEST_POSTGRES_URL;

describe.each(engines(POSTGRES))('loaders primed from bundles (%s)', (engine: Engine) => {
  let database: DataSource;
  let drop: () => Promise<void>;
  const statements: string[] = [];

  beforeAll(async () => {
    ({ database, drop } = await freshMojDatabase(engine, POSTGRES));
    for (const [entity, rows] of demoRows) {
      if (rows.length) await database.getRepository(entity).insert(rows);
    }
    const logger: Logger = {
      logQuery: (sql) => void statements.push(sql),
      logQueryError: () => {},
      logQuerySlow: () => {},
      logSchemaBuild: () => {},
      logMigration: () => {},
      log: () => {},
    };
    database.setOptions({ logger, logging: ['query'] });
  }, 60_000);
  afterAll(() => drop());

  it('give exactly what the loaders read, and read nothing more', async () => {
    const primed = createLoaders(database);
    const prisoners = await readBundle(database, PRISONER_PARTS, prisonNumbers);
    const cases = await readBundle(database, PROBATION_CASE_PARTS, crns);
    for (const [key, bundle] of prisoners) primePrisoner(primed, prisonerRecord(key, bundle));
    for (const [key, bundle] of cases) primeProbationCase(primed, probationCaseRecord(key, bundle));

    const fresh = createLoaders(database);
    for (const [name, keys] of KEYS) {
      const load = (loaders: MojLoaders) =>
        (loaders[name] as DataLoader<string, unknown>).loadMany(keys);
      statements.length = 0;
      const fromBundles = await load(primed);
      expect(statements).toEqual([]);
      const fromLoaders = await load(fresh);
      expect(fromLoaders.some((value) => value && !(Array.isArray(value) && !value.length))).toBe(
        true,
      );
      expect(fromBundles).toStrictEqual(fromLoaders);
    }
  });
});

describe("one gateway request's calls", () => {
  const withNonce = { nonce: 'gateway-request-1' };
  let moj: SubgraphUnderTest;
  beforeAll(async () => {
    moj = await openMoj(demoRows);
  }, 60_000);
  afterAll(() => moj.close());

  const PRISONER_VIEW = `prisonNumber aliases { id familyName }
    latestCustodyPeriod { receptionDate releaseType establishment { name region }
      temporaryLicences { purpose paid } workPlacements { activity role }
      educationCourses { subject achieved } }
    custodyPeriods { id establishment { code } educationCourses { id } }`;
  const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
    ... on Prisoner { ${PRISONER_VIEW} }
    ... on ProbationCase { crn accommodationOnRelease licenceConditions { kind restrictsWork } } } }`;
  const representations = [
    ...prisonNumbers.map((prisonNumber) => ({ __typename: 'Prisoner', prisonNumber })),
    ...crns.map((crn) => ({ __typename: 'ProbationCase', crn })),
  ];

  it('read each root kind once for the whole joined view', async () => {
    const result = await moj.execute(ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    expect(moj.selects()).toHaveLength(2);

    const rows = result.data?._entities as ({ prisonNumber?: string } | null)[];
    expect(rows.filter(Boolean)).toHaveLength(representations.length - 2);
    const byPrisonNumber = moj.execute(
      `query ($n: String!) { prisoner(prisonNumber: $n) { ${PRISONER_VIEW} } }`,
      { n: prisonNumbers[0] },
    );
    expect((await byPrisonNumber).data?.prisoner).toEqual(rows[0]);
    expect(moj.selects()).toHaveLength(1);
  });

  it("share the rows: the identity service's facts and the gateway's entities", async () => {
    const identity = { ...IDENTITY_SERVICE_REQUEST, ...withNonce };
    const facts = await moj.execute(
      `query ($n: [String!]!, $c: [String!]!) {
        prisonReadiness(prisonNumbers: $n) { item }
        prisonTimeline(prisonNumbers: $n) { id }
        probationReadiness(crns: $c) { item } }`,
      { n: prisonNumbers, c: crns },
      identity,
    );
    expect(facts.errors).toBeUndefined();
    expect(moj.selects()).toHaveLength(2);

    const entities = await moj.execute(
      ENTITIES,
      { r: representations },
      { ...SUBJECT_ACCESS_STEWARD, ...withNonce },
    );
    expect(entities.errors).toBeUndefined();
    expect(moj.selects()).toEqual([]);
  });
});
