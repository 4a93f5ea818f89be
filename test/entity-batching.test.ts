import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { SubgraphSettings } from '../lib/config';
import type { SubgraphName } from '../lib/subgraphs';
import { type DemoWorld, buildDemoWorld } from '../seed/demo';
import { ENTITY_ORDER } from '../seed/load';
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
import { type SubgraphPieces, type SubgraphUnderTest, openSubgraph } from './support/subgraph';

// The gateway asks a subgraph for every entity of one type in one `_entities` call; each
// subgraph must answer that with one SQL statement, however many keys it holds.

interface EntityCase {
  subgraph: SubgraphName;
  typename: string;
  key: string;
  keys: (world: DemoWorld) => string[];
  createDatabase: (settings: SubgraphSettings) => DataSource;
  buildSchema: () => Promise<GraphQLSchema>;
  createContext: SubgraphPieces['createContext'];
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

const column = (world: DemoWorld, subgraph: 'dwp' | 'moj' | 'vcs', entity: string, key: string) =>
  world.rows[subgraph][entity].map((row) => row[key] as string);

const cases: EntityCase[] = [
  { ...dwp, typename: 'Claimant', key: 'nino', keys: (w) => column(w, 'dwp', 'Claimant', 'nino') },
  {
    ...moj,
    typename: 'Prisoner',
    key: 'prisonNumber',
    keys: (w) => column(w, 'moj', 'Prisoner', 'prisonNumber'),
  },
  {
    ...moj,
    typename: 'ProbationCase',
    key: 'crn',
    keys: (w) => column(w, 'moj', 'ProbationCase', 'crn'),
  },
  {
    ...vcs,
    typename: 'SupportRecord',
    key: 'id',
    keys: (w) => column(w, 'vcs', 'SupportRecord', 'id'),
  },
  { ...identity, typename: 'Person', key: 'id', keys: (w) => w.people.map((p) => p.id) },
];

/** A subgraph's share of the demo world, as fixture rows in insert order. */
function rowsFor(world: DemoWorld, subgraph: EntityCase['subgraph']) {
  if (subgraph === 'identity') {
    const persons = world.people.map(({ records: _, ...person }) => person);
    const links = world.people.flatMap((p) => p.records.map((r) => ({ personId: p.id, ...r })));
    return [
      ['Person', persons],
      ['PersonLink', links],
    ] as [string, Record<string, unknown>[]][];
  }
  return ENTITY_ORDER[subgraph].map((entity) => [entity, world.rows[subgraph][entity] ?? []]) as [
    string,
    Record<string, unknown>[],
  ][];
}

const UNKNOWN = {
  id: '00000000-0000-4000-8000-000000000000',
  nino: 'ZZ000000A',
  prisonNumber: 'Z0000ZZ',
  crn: 'Z000000',
};

describe.each(cases)('$subgraph resolves every $typename reference', (entity) => {
  const world = buildDemoWorld();
  let subgraph: SubgraphUnderTest;

  beforeAll(async () => {
    subgraph = await openSubgraph(entity, rowsFor(world, entity.subgraph));
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
