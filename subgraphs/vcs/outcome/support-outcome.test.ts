import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { buildVcsWorld, openVcs, orderBy, readsFrom } from '../test-fixtures';

describe('outcomes of support records', () => {
  const world = buildVcsWorld();
  let vcs: SubgraphUnderTest;

  beforeAll(async () => {
    vcs = await openVcs(world);
  });
  afterAll(() => vcs.close());

  it('gives each record its outcomes and their employers, one statement per type', async () => {
    const result = await vcs.execute(`{ supportRecords(first: 10) { edges { node {
      id outcomes { id supportRecordId kind date employerId employer { id name } } } } } }`);
    type Outcome = { id: string; employerId: string | null; employer: { id: string } | null };
    const nodes = (
      result.data?.supportRecords as { edges: { node: { id: string; outcomes: Outcome[] } }[] }
    ).edges.map((edge) => edge.node);

    expect(result.errors).toBeUndefined();
    for (const node of nodes) {
      const own = orderBy(
        world.outcomes.filter((o) => o.supportRecordId === node.id),
        'date',
      );
      expect(node.outcomes.map(({ employer: _, ...outcome }) => outcome)).toEqual(own);
      for (const outcome of node.outcomes) {
        expect(outcome.employer?.id ?? null).toBe(outcome.employerId);
      }
    }
    expect(nodes.flatMap((node) => node.outcomes).filter((o) => o.employer)).toHaveLength(3);
    expect(vcs.selects()).toHaveLength(3);
    expect(readsFrom(vcs.selects(), 'support_outcome')).toBe(1);
    expect(readsFrom(vcs.selects(), 'employer')).toBe(1);
  });
});
