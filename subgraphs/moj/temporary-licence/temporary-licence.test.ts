import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { custodyPeriods, openMoj, selectsFrom, temporaryLicences } from '../testing/fixtures';

type Node = {
  id: string;
  temporaryLicences: { id: string; purpose: string; employerName: string | null; paid: boolean }[];
};

describe('CustodyPeriod.temporaryLicences', () => {
  let moj: SubgraphUnderTest;
  beforeAll(async () => {
    moj = await openMoj();
  });
  afterAll(() => moj.close());

  it("gives every period its licences, earliest first, in one SELECT for the page's periods", async () => {
    const result = await moj.execute(`{ custodyPeriods(first: 50) { edges { node {
      id temporaryLicences { id purpose employerName startDate paid } } } } }`);

    expect(result.errors).toBeUndefined();
    expect(moj.selects()).toHaveLength(2);
    expect(selectsFrom(moj, 'release_on_temporary_licence')).toHaveLength(1);
    const nodes = (result.data?.custodyPeriods as { edges: { node: Node }[] }).edges.map(
      (edge) => edge.node,
    );
    expect(nodes).toHaveLength(custodyPeriods.length);
    for (const node of nodes) {
      const own = temporaryLicences
        .filter((licence) => licence.custodyPeriodId === node.id)
        .sort((a, b) => a.startDate.localeCompare(b.startDate));
      expect(node.temporaryLicences.map((licence) => licence.id)).toEqual(own.map((l) => l.id));
    }
    const withTwo = nodes.find((node) => node.id === custodyPeriods[1].id);
    expect(withTwo?.temporaryLicences).toMatchObject([
      { purpose: 'RESETTLEMENT_DAY', employerName: null, paid: false },
      { purpose: 'PAID_WORK', employerName: 'Acme Builders', paid: true },
    ]);
  });

  it('reaches licences through prisoners too, still one SELECT per child type', async () => {
    const result = await moj.execute(`{ prisoners(first: 10) { edges { node {
      custodyPeriods { temporaryLicences { id } } } } } }`);

    expect(result.errors).toBeUndefined();
    expect(moj.selects()).toHaveLength(3);
    expect(selectsFrom(moj, 'release_on_temporary_licence')).toHaveLength(1);
  });
});
