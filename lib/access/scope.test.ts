import { buildSchema, graphql } from 'graphql';
import { Purpose, Role } from '../auth/roles';
import { type AccessPolicy, type ResolverMap, accessContext, guardResolvers } from './policy';
import { type RecordScopes, type ScopeLookup, requestScopes, withinScope } from './scope';

const SDL = `
  type Query {
    claimant(nino: String!): Claimant
    claimants: ClaimantConnection!
    search: [Result!]!
  }
  type Claimant { nino: String! name: String }
  type ClaimantEdge { cursor: String! node: Claimant! }
  type ClaimantConnection { edges: [ClaimantEdge!]! total: Int! }
  type Result { score: Int! claimant: Claimant! }
`;
const schema = buildSchema(SDL);
const ALL = [Role.JOBCENTRE_ADVISER] as const;
const POLICY: AccessPolicy = {
  roots: { claimant: ALL, claimants: ALL, search: ALL },
  types: {
    Claimant: {
      key: (row: never) => (row as { nino: string }).nino,
      fields: { nino: ALL, name: ALL },
      scope: { kind: 'DWP_CLAIMANT', record: (row: never) => (row as { nino: string }).nino },
    },
  },
};
const ROWS: Record<string, { nino: string; name: string }> = {
  AA000001A: { nino: 'AA000001A', name: 'Seen' },
  AA000002A: { nino: 'AA000002A', name: 'Hidden' },
};
const ONLY_FIRST: RecordScopes = {
  DWP_CLAIMANT: { only: new Set(['AA000001A']), except: new Set() },
};
const REQUEST = {
  caller: {
    subject: 'adviser',
    role: Role.JOBCENTRE_ADVISER,
    organisation: 'jcp',
    purposes: [Purpose.EMPLOYMENT_SUPPORT],
  },
  purpose: Purpose.EMPLOYMENT_SUPPORT,
  requestId: 'scope-test',
};

function guardedSchemaRun(lookup: ScopeLookup) {
  const resolvers: ResolverMap = {
    Query: {
      claimant: (_: unknown, { nino }: { nino: string }) => ROWS[nino] ?? null,
      claimants: () => ({
        edges: Object.values(ROWS).map((node) => ({ cursor: node.nino, node })),
        total: 2,
      }),
      search: () => Object.values(ROWS).map((claimant, score) => ({ score, claimant })),
    },
  };
  guardResolvers(resolvers, POLICY);
  return (source: string) =>
    graphql({
      schema,
      source,
      fieldResolver: (parent, args, context, info) => {
        const resolve = (resolvers[info.parentType.name]?.[info.fieldName] ??
          ((p: Record<string, unknown>) => p[info.fieldName])) as (...a: unknown[]) => unknown;
        return resolve(parent, args, context, info);
      },
      contextValue: accessContext(REQUEST, requestScopes(lookup, REQUEST, POLICY)),
    });
}

describe('scope', () => {
  it('takes out of lists, edges and results every row the request may not see', () => {
    const type = schema.getQueryType()!.getFields();
    const connection = {
      edges: Object.values(ROWS).map((node) => ({ cursor: node.nino, node })),
      total: 2,
    };
    const results = Object.values(ROWS).map((claimant, score) => ({ score, claimant }));

    expect(withinScope(ROWS.AA000002A, type.claimant.type, POLICY, ONLY_FIRST)).toBeNull();
    expect(withinScope(ROWS.AA000001A, type.claimant.type, POLICY, ONLY_FIRST)).toBe(
      ROWS.AA000001A,
    );
    expect(withinScope(connection, type.claimants.type, POLICY, ONLY_FIRST)).toEqual({
      edges: [{ cursor: 'AA000001A', node: ROWS.AA000001A }],
      total: 2,
    });
    expect(withinScope(results, type.search.type, POLICY, ONLY_FIRST)).toEqual([
      { score: 0, claimant: ROWS.AA000001A },
    ]);
  });

  it('asks for the scope even when there is no row, so absent and hidden take as long', async () => {
    const asked: string[][] = [];
    const lookup: ScopeLookup = (_request, kinds) => {
      asked.push([...kinds]);
      return Promise.resolve(ONLY_FIRST);
    };
    const absent = await guardedSchemaRun(lookup)('{ claimant(nino: "ZZ000000A") { name } }');
    const hidden = await guardedSchemaRun(lookup)('{ claimant(nino: "AA000002A") { name } }');
    const seen = await guardedSchemaRun(lookup)('{ claimant(nino: "AA000001A") { name } }');

    expect(absent).toEqual({ data: { claimant: null } });
    expect(hidden).toEqual(absent);
    expect(seen).toEqual({ data: { claimant: { name: 'Seen' } } });
    expect(asked).toEqual([['DWP_CLAIMANT'], ['DWP_CLAIMANT'], ['DWP_CLAIMANT']]);
  });

  it('checks a field without a promise once the scope has answered, and still refuses rows outside it', async () => {
    const resolvers: ResolverMap = {};
    guardResolvers(resolvers, POLICY);
    const name = resolvers.Claimant.name as (...a: unknown[]) => unknown;
    const context = accessContext(
      REQUEST,
      requestScopes(async () => ONLY_FIRST, REQUEST, POLICY),
    );
    const info = { fieldName: 'name' };

    const first = name(ROWS.AA000001A, {}, context, info);
    expect(first).toBeInstanceOf(Promise);
    await expect(first).resolves.toBe('Seen');
    expect(name(ROWS.AA000001A, {}, context, info)).toBe('Seen');
    expect(() => name(ROWS.AA000002A, {}, context, info)).toThrow('No such record.');
    expect(context.reads.drain()).toEqual([
      { entityType: 'Claimant', entityKeys: ['AA000001A'], fields: ['name'] },
    ]);
  });

  it('refuses every row when the scope cannot be worked out', async () => {
    const run = guardedSchemaRun(() => Promise.reject(new Error('identity is down')));

    const result = await run('{ claimant(nino: "AA000001A") { name } }');

    expect(result.data).toEqual({ claimant: null });
    expect(result.errors?.[0].message).toBe('identity is down');
  });
});
