import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { SubgraphSettings } from '../lib/config';
import type { SubgraphName } from '../lib/subgraphs';
import { type DemoPerson, generateDemoWorld } from '../seed/demo-world';
import { demoSlices } from '../seed/load';
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
import { type SubgraphUnderTest, openSubgraph } from './support/subgraph';

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

const UNKNOWN = {
  id: '00000000-0000-4000-8000-000000000000',
  nino: 'ZZ000000A',
  prisonNumber: 'Z0000ZZ',
  crn: 'Z000000',
};

describe.each(cases)('$subgraph resolves every $typename reference', (entity) => {
  const world = generateDemoWorld();
  let subgraph: SubgraphUnderTest;

  beforeAll(async () => {
    subgraph = await openSubgraph(entity, demoSlices[entity.subgraph](world));
  });
  afterAll(() => subgraph.close());

  it('in one SQL statement, in the order asked, with null for an unknown key', async () => {
    const keys = [...entity.keys(world), UNKNOWN[entity.key as keyof typeof UNKNOWN]];
    const result = await subgraph.execute(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${entity.typename} { ${entity.key} } } }`,
      { r: keys.map((key) => ({ __typename: entity.typename, [entity.key]: key })) },
    );

    expect(result.errors).toBeUndefined();
    expect(keys.length).toBeGreaterThan(10);
    expect(result.data?._entities).toEqual([
      ...keys.slice(0, -1).map((key) => ({ [entity.key]: key })),
      null,
    ]);
    expect(subgraph.selects()).toHaveLength(1);
  });
});
