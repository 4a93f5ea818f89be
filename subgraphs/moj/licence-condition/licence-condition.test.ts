import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { licenceConditions, openMoj, probationCases, selectsFrom } from '../testing/fixtures';

type Node = {
  crn: string;
  licenceConditions: { id: string; kind: string; restrictsWork: boolean }[];
};

describe('ProbationCase.licenceConditions', () => {
  let moj: SubgraphUnderTest;
  beforeAll(async () => {
    moj = await openMoj();
  });
  afterAll(() => moj.close());

  it("gives every case its conditions, earliest first, in one SELECT for the page's cases", async () => {
    const result = await moj.execute(`{ probationCases(first: 50) { edges { node {
      crn licenceConditions { id kind description restrictsWork startDate endDate } } } } }`);

    expect(result.errors).toBeUndefined();
    expect(moj.selects()).toHaveLength(2);
    expect(selectsFrom(moj, 'licence_condition')).toHaveLength(1);
    const nodes = (result.data?.probationCases as { edges: { node: Node }[] }).edges.map(
      (edge) => edge.node,
    );
    expect(nodes).toHaveLength(probationCases.length);
    for (const node of nodes) {
      const own = licenceConditions
        .filter((condition) => condition.crn === node.crn)
        .sort((a, b) => a.startDate.localeCompare(b.startDate));
      expect(node.licenceConditions.map((condition) => condition.id)).toEqual(own.map((c) => c.id));
    }
    expect(nodes.find((node) => node.crn === 'X000001')?.licenceConditions).toMatchObject([
      { kind: 'NO_WORK_WITH_CHILDREN', restrictsWork: true },
      { kind: 'CURFEW', restrictsWork: false },
    ]);
  });

  it('reads conditions of entities resolved by reference with their cases, in one statement', async () => {
    const result = await moj.execute(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on ProbationCase { crn licenceConditions { id } } } }`,
      {
        representations: ['X000001', 'X000002', 'X000004'].map((crn) => ({
          __typename: 'ProbationCase',
          crn,
        })),
      },
    );

    expect(result.errors).toBeUndefined();
    expect(moj.selects()).toHaveLength(1);
    expect(selectsFrom(moj, 'licence_condition')).toHaveLength(1);
  });
});
