import 'reflect-metadata';
import { type GraphQLSchema, graphql } from 'graphql';
import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import type { SubgraphSettings } from '../lib/config';
import { closeDatabase, openDatabase } from '../lib/database';
import type { SubgraphName } from '../lib/subgraphs';
import { type DemoPerson, generateDemoWorld } from '../seed/demo-world';
import { demoSlices, insertRows } from '../seed/load';
import { createContext as dwpContext } from '../subgraphs/dwp/context';
import { createDwpDatabase } from '../subgraphs/dwp/database';
import { buildDwpSchema } from '../subgraphs/dwp/schema';
import { createContext as identityContext } from '../subgraphs/identity/context';
import { createIdentityDatabase } from '../subgraphs/identity/database';
import { buildIdentitySchema } from '../subgraphs/identity/schema';
import { createContext as mojContext } from '../subgraphs/moj/context';
import { createMojDatabase } from '../subgraphs/moj/database';
import { buildMojSchema } from '../subgraphs/moj/schema';
import { createContext as vcsContext } from '../subgraphs/vcs/context';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { buildVcsSchema } from '../subgraphs/vcs/schema';

// The gateway asks a subgraph for every entity of one type in one `_entities` call; each
// subgraph must answer that with one SQL statement, however many keys it holds.

interface EntityCase {
  subgraph: SubgraphName;
  typename: string;
  key: string;
  keys: (world: DemoPerson[]) => string[];
  createDatabase: (settings: SubgraphSettings) => DataSource;
  buildSchema: () => Promise<GraphQLSchema>;
  createContext: (database: DataSource) => object;
}

const dwp = {
  subgraph: 'dwp',
  createDatabase: createDwpDatabase,
  buildSchema: buildDwpSchema,
  createContext: dwpContext,
} as const;
const moj = {
  subgraph: 'moj',
  createDatabase: createMojDatabase,
  buildSchema: buildMojSchema,
  createContext: mojContext,
} as const;
const vcs = {
  subgraph: 'vcs',
  createDatabase: createVcsDatabase,
  buildSchema: buildVcsSchema,
  createContext: vcsContext,
} as const;
const identity = {
  subgraph: 'identity',
  createDatabase: createIdentityDatabase,
  buildSchema: buildIdentitySchema,
  createContext: identityContext,
} as const;

const cases: EntityCase[] = [
  {
    ...dwp,
    typename: 'Claimant',
    key: 'nino',
    keys: (w) => w.flatMap((p) => (p.claimant ? [p.claimant.nino] : [])),
  },
  {
    ...moj,
    typename: 'Prisoner',
    key: 'prisonNumber',
    keys: (w) => w.map((p) => p.prisoner.prisonNumber),
  },
  {
    ...moj,
    typename: 'ProbationCase',
    key: 'crn',
    keys: (w) => w.flatMap((p) => (p.probationCase ? [p.probationCase.crn] : [])),
  },
  {
    ...vcs,
    typename: 'SupportRecord',
    key: 'id',
    keys: (w) => w.flatMap((p) => p.supportRecords.map((r) => r.id)),
  },
  { ...identity, typename: 'Person', key: 'id', keys: (w) => w.map((p) => p.id) },
];

class StatementCounter implements TypeOrmLogger {
  statements: string[] = [];
  logQuery(query: string) {
    this.statements.push(query);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

const UNKNOWN = {
  id: '00000000-0000-4000-8000-000000000000',
  nino: 'ZZ000000A',
  prisonNumber: 'Z0000ZZ',
  crn: 'Z000000',
};

describe.each(cases)('$subgraph resolves every $typename reference', (entity) => {
  const world = generateDemoWorld();
  const counter = new StatementCounter();
  let database: DataSource;

  beforeAll(async () => {
    const settings = { port: 0, url: 'http://unused', sqliteFile: ':memory:' };
    database = await openDatabase(entity.createDatabase(settings));
    await insertRows(database, demoSlices[entity.subgraph](world));
    database.setOptions({ logger: counter, logging: ['query'] });
  });
  afterAll(() => closeDatabase(database));

  it('in one SQL statement, in the order asked, with null for an unknown key', async () => {
    const keys = [...entity.keys(world), UNKNOWN[entity.key as keyof typeof UNKNOWN]];
    counter.statements = [];

    const result = await graphql({
      schema: await entity.buildSchema(),
      source: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${entity.typename} { ${entity.key} } } }`,
      variableValues: {
        r: keys.map((key) => ({ __typename: entity.typename, [entity.key]: key })),
      },
      contextValue: entity.createContext(database),
    });

    expect(result.errors).toBeUndefined();
    expect(keys.length).toBeGreaterThan(10);
    expect(result.data?._entities).toEqual([
      ...keys.slice(0, -1).map((key) => ({ [entity.key]: key })),
      null,
    ]);
    expect(counter.statements.filter((sql) => /^\s*SELECT/i.test(sql))).toHaveLength(1);
  });
});
