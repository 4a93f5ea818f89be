import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { custodyPeriods, establishments, openMoj, selectsFrom } from '../testing/fixtures';

describe('establishments', () => {
  let moj: SubgraphUnderTest;
  beforeAll(async () => {
    moj = await openMoj();
  });
  afterAll(() => moj.close());

  it('looks an establishment up by code; unknown codes give null', async () => {
    const result = await moj.execute(
      `{ found: establishment(code: "BWI") { code name region category }
         missing: establishment(code: "ZZZ") { code } }`,
    );

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      found: { code: 'BWI', name: 'HMP Berwyn', region: 'Wales', category: 'MALE_TRAINING' },
      missing: null,
    });
  });

  it.each(['bwi', 'BW', 'B1I', ''])('refuses code %p with BAD_USER_INPUT', async (code) => {
    const result = await moj.execute(
      'query ($code: String!) { establishment(code: $code) { code } }',
      {
        code,
      },
    );

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'code',
    });
  });

  it('lists every establishment in code order', async () => {
    const result = await moj.execute('{ establishments { code } }');

    expect(result.data?.establishments).toEqual(
      establishments.map(({ code }) => ({ code })).sort((a, b) => a.code.localeCompare(b.code)),
    );
  });

  it('gives each custody period its establishment with one SELECT for them all', async () => {
    const result = await moj.execute(
      '{ custodyPeriods(first: 50) { edges { node { id establishment { code name } } } } }',
    );

    expect(result.errors).toBeUndefined();
    expect(moj.selects()).toHaveLength(2);
    expect(selectsFrom(moj, 'establishment')).toHaveLength(1);
    const nodes = (
      result.data?.custodyPeriods as {
        edges: { node: { id: string; establishment: { code: string; name: string } } }[];
      }
    ).edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(custodyPeriods.length);
    for (const node of nodes) {
      const period = custodyPeriods.find((p) => p.id === node.id);
      const establishment = establishments.find((e) => e.code === period?.establishmentCode);
      expect(node.establishment).toEqual({ code: establishment?.code, name: establishment?.name });
    }
  });
});
