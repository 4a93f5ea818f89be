import { buildSchema, graphql } from 'graphql';
import { mergeQueries } from './merged-fetches';

// A subgraph-like schema: entities by representation, one field that fails for some keys.
const schema = buildSchema(`
  scalar _Any
  type Prisoner { prisonNumber: String! establishment: String hidden: String }
  type ProbationCase { crn: String! practitioner: String }
  union _Entity = Prisoner | ProbationCase
  type Query { _entities(representations: [_Any!]!): [_Entity]! count(of: Int!): Int! }
`);

const rootValue = {
  _entities: ({ representations }: { representations: Record<string, string>[] }) =>
    representations.map((representation) => ({
      ...representation,
      establishment: `HMP ${representation.prisonNumber}`,
      practitioner: `Officer ${representation.crn}`,
      hidden: () => {
        throw new Error(`no access to ${representation.prisonNumber}`);
      },
    })),
  count: ({ of }: { of: number }) => of * 2,
};
const typeResolver = (value: Record<string, unknown>) =>
  value.prisonNumber ? 'Prisoner' : 'ProbationCase';

async function run(query: string, variableValues: Record<string, unknown>) {
  const answer = await graphql({ schema, source: query, rootValue, variableValues, typeResolver });
  return JSON.parse(JSON.stringify(answer)) as Record<string, unknown>;
}

const PRISONERS = `query View__moj__1($representations: [_Any!]!) {
  _entities(representations: $representations) { ...P }
} fragment P on Prisoner { prisonNumber establishment }`;
const CASES = `query View__moj__2($representations: [_Any!]!) {
  _entities(representations: $representations) { ...P }
} fragment P on ProbationCase { crn practitioner }`;

/** Each part asked alone, and the parts asked merged then split: the same answers. */
async function compare(queries: string[], variables: Record<string, unknown>[]) {
  const merged = mergeQueries(queries);
  if (!merged) throw new Error('not merged');
  const alone = await Promise.all(queries.map((query, index) => run(query, variables[index])));
  const together = merged.split(await run(merged.query, merged.variables(variables)));
  return { merged, alone, together };
}

describe('merging the queries a plan sends one subgraph at once', () => {
  it('answers each part as it would have been answered alone', async () => {
    const { merged, alone, together } = await compare(
      [PRISONERS, CASES],
      [
        { representations: [{ __typename: 'Prisoner', prisonNumber: 'A1234BC' }] },
        { representations: [{ __typename: 'ProbationCase', crn: 'X123456' }] },
      ],
    );
    expect(together).toEqual(alone);
    expect(alone[0]).toEqual({
      data: { _entities: [{ prisonNumber: 'A1234BC', establishment: 'HMP A1234BC' }] },
    });
    expect(merged.operationName).toBe('View__moj__1__merged');
    expect(merged.query).toContain('$representations__1');
  });

  it('keeps each part’s own aliases and arguments apart', async () => {
    const { alone, together } = await compare(
      [
        'query A($n: Int!) { count(of: $n) twice: count(of: 2) }',
        'query B($n: Int!) { count(of: $n) }',
      ],
      [{ n: 1 }, { n: 10 }],
    );
    expect(together).toEqual(alone);
    expect(together[1]).toEqual({ data: { count: 20 } });
  });

  it('gives a field’s error to its own part, with the path that part asked for', async () => {
    const hidden = `query H($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Prisoner { prisonNumber hidden } } }`;
    const { alone, together } = await compare(
      [PRISONERS, hidden],
      [
        { representations: [{ __typename: 'Prisoner', prisonNumber: 'A1' }] },
        { representations: [{ __typename: 'Prisoner', prisonNumber: 'B2' }] },
      ],
    );
    expect(together[0].errors).toBeUndefined();
    const errors = together[1].errors as { message: string; path: unknown[] }[];
    expect(errors.map(({ message, path }) => ({ message, path }))).toEqual([
      { message: 'no access to B2', path: ['_entities', 0, 'hidden'] },
    ]);
    expect((alone[1].errors as { path: unknown[] }[])[0].path).toEqual(errors[0].path);
  });

  it('gives an error on no field, such as a refusal, to every part', () => {
    const merged = mergeQueries([PRISONERS, CASES]);
    const refusal = { message: 'refused', extensions: { code: 'UNAUTHENTICATED' } };
    expect(merged?.split({ data: null, errors: [refusal] })).toEqual([
      { data: null, errors: [refusal] },
      { data: null, errors: [refusal] },
    ]);
  });

  it.each([
    ['a mutation', 'mutation M { count(of: 1) }'],
    ['a subscription', 'subscription S { count(of: 1) }'],
    ['text that is no query', 'query {'],
    ['a fragment spread at the top', 'query Q { ...F } fragment F on Query { count(of: 1) }'],
    ['two operations', 'query A { count(of: 1) } query B { count(of: 2) }'],
    ['a directive on the operation', 'query Q @live { count(of: 1) }'],
  ])('leaves %s to go alone', (_what, query) => {
    expect(mergeQueries([PRISONERS, query])).toBeUndefined();
  });

  it('works each pair out once', () => {
    expect(mergeQueries([PRISONERS, CASES])).toBe(mergeQueries([PRISONERS, CASES]));
  });
});
