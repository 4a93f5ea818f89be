import { generateDemoWorld } from '../../../seed/demo-world';
import { demoSlices } from '../../../seed/load';
import { type SubgraphUnderTest, openSubgraph } from '../../../test/support/subgraph';
import { createContext } from '../context';
import { createDwpDatabase } from '../database';
import { buildDwpSchema } from '../schema';

const PAGE = `query ($first: Int, $after: String, $filter: ClaimantFilter) {
  claimants(first: $first, after: $after, filter: $filter) {
    edges { cursor node { nino jobcentre } }
    pageInfo { hasNextPage endCursor }
  } }`;

interface Page {
  edges: { node: { nino: string; jobcentre: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('claimants list', () => {
  const world = generateDemoWorld();
  const claimants = world.flatMap((p) => (p.claimant ? [p.claimant] : []));
  let dwp: SubgraphUnderTest;

  beforeAll(async () => {
    dwp = await openSubgraph(
      { createDatabase: createDwpDatabase, buildSchema: buildDwpSchema, createContext },
      demoSlices.dwp(world),
    );
  });
  afterAll(() => dwp.close());

  async function allPages(variables: Record<string, unknown>) {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const result = await dwp.execute(PAGE, { ...variables, after });
      expect(result.errors).toBeUndefined();
      expect(dwp.selects()).toHaveLength(1);
      const page = result.data?.claimants as Page;
      seen.push(...page.edges.map((edge) => edge.node.nino));
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
    throw new Error('never reached the last page');
  }

  it('pages through every claimant once, in NINO order, one statement a page', async () => {
    expect(await allPages({ first: 4 })).toEqual(claimants.map((c) => c.nino).sort());
  });

  it('filters by Jobcentre', async () => {
    const jobcentre = claimants[0].jobcentre;
    const expected = claimants.filter((c) => c.jobcentre === jobcentre).map((c) => c.nino);

    expect(await allPages({ first: 3, filter: { jobcentre } })).toEqual(expected.sort());
  });

  it.each([0, 101, -1])('refuses first: %i with BAD_USER_INPUT', async (first) => {
    const result = await dwp.execute(PAGE, { first });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
  });

  it('refuses a cursor it did not issue', async () => {
    const result = await dwp.execute(PAGE, { after: 'not-a-cursor' });

    expect(result.errors?.[0].message).toBe(
      'after must be an endCursor from an earlier page of this list.',
    );
  });
});
