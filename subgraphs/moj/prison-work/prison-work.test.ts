import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { custodyPeriods, openMoj, selectsFrom, workPlacements } from '../testing/fixtures';

type Node = { id: string; workPlacements: { id: string; activity: string; role: string }[] };

describe('CustodyPeriod.workPlacements', () => {
  let moj: SubgraphUnderTest;
  beforeAll(async () => {
    moj = await openMoj();
  });
  afterAll(() => moj.close());

  it("gives every period its prison jobs, earliest first, in one SELECT for the page's periods", async () => {
    const result = await moj.execute(`{ custodyPeriods(first: 50) { edges { node {
      id workPlacements { id activity role payBand startDate endDate } } } } }`);

    expect(result.errors).toBeUndefined();
    expect(moj.selects()).toHaveLength(2);
    expect(selectsFrom(moj, 'prison_work_placement')).toHaveLength(1);
    const nodes = (result.data?.custodyPeriods as { edges: { node: Node }[] }).edges.map(
      (edge) => edge.node,
    );
    expect(nodes).toHaveLength(custodyPeriods.length);
    for (const node of nodes) {
      const own = workPlacements
        .filter((placement) => placement.custodyPeriodId === node.id)
        .sort((a, b) => a.startDate.localeCompare(b.startDate));
      expect(node.workPlacements.map((placement) => placement.id)).toEqual(own.map((p) => p.id));
    }
    expect(nodes.find((node) => node.id === custodyPeriods[1].id)?.workPlacements).toMatchObject([
      { activity: 'PEER_MENTOR', role: 'Peer mentor' },
      { activity: 'WORKSHOP', role: 'Welder' },
    ]);
  });
});
