import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { buildVcsWorld, openVcs, orderBy, readsFrom } from '../test-fixtures';

describe('engagements of support records', () => {
  const world = buildVcsWorld();
  let vcs: SubgraphUnderTest;

  beforeAll(async () => {
    vcs = await openVcs(world);
  });
  afterAll(() => vcs.close());

  it('gives each record its own engagements, oldest first, in one statement for all', async () => {
    const result = await vcs.execute(`{ supportRecords(first: 10) { edges { node {
      id engagements { id supportRecordId referralId date kind notes } } } } }`);
    const nodes = (
      result.data?.supportRecords as { edges: { node: { id: string; engagements: unknown[] } }[] }
    ).edges.map((edge) => edge.node);

    expect(result.errors).toBeUndefined();
    for (const node of nodes) {
      const own = world.engagements.filter((e) => e.supportRecordId === node.id);
      expect(node.engagements).toEqual(orderBy(own, 'date'));
    }
    expect(vcs.selects()).toHaveLength(2);
    expect(readsFrom(vcs.selects(), 'engagement')).toBe(1);
  });
});
