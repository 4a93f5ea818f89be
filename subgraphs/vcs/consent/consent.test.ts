import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { buildVcsWorld, openVcs, orderBy, readsFrom } from '../test-fixtures';

describe('consents of support records', () => {
  const world = buildVcsWorld();
  let vcs: SubgraphUnderTest;

  beforeAll(async () => {
    vcs = await openVcs(world);
  });
  afterAll(() => vcs.close());

  it('gives each record its own consents, in the order given, in one statement for all', async () => {
    const result = await vcs.execute(`{ supportRecords(first: 10) { edges { node {
      id consents { id supportRecordId scope givenOn withdrawnOn } } } } }`);
    const nodes = (
      result.data?.supportRecords as { edges: { node: { id: string; consents: unknown[] } }[] }
    ).edges.map((edge) => edge.node);

    expect(result.errors).toBeUndefined();
    expect(nodes).toHaveLength(world.supportRecords.length);
    for (const node of nodes) {
      const own = world.consents.filter((c) => c.supportRecordId === node.id);
      expect(node.consents).toEqual(orderBy(own, 'givenOn'));
    }
    expect(vcs.selects()).toHaveLength(2);
    expect(readsFrom(vcs.selects(), 'consent')).toBe(1);
  });
});
