import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import {
  aliases,
  allPages,
  custodyPeriods,
  openMoj,
  prisoners,
  selectsFrom,
} from '../testing/fixtures';

const PAGE = `query ($first: Int, $after: String, $filter: PrisonerFilter) {
  prisoners(first: $first, after: $after, filter: $filter) {
    edges { cursor node { prisonNumber sex } }
    pageInfo { hasNextPage endCursor }
  } }`;

const numbers = (rows: { prisonNumber: string }[]) => rows.map((row) => row.prisonNumber);

describe('prisoners', () => {
  let moj: SubgraphUnderTest;
  beforeAll(async () => {
    moj = await openMoj();
  });
  afterAll(() => moj.close());

  it('looks a prisoner up by prison number, normalising it; unknown numbers give null', async () => {
    const result = await moj.execute(
      `{ found: prisoner(prisonNumber: "a0001 aa") { prisonNumber sex nino }
         missing: prisoner(prisonNumber: "Z9999ZZ") { prisonNumber } }`,
    );

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      found: { prisonNumber: 'A0001AA', sex: 'MALE', nino: 'AB123456C' },
      missing: null,
    });
  });

  it('refuses a malformed prison number with BAD_USER_INPUT', async () => {
    const result = await moj.execute('{ prisoner(prisonNumber: "12345") { prisonNumber } }');

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'prisonNumber',
    });
  });

  it('resolves federation references in one statement', async () => {
    const result = await moj.execute(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Prisoner { prisonNumber } } }`,
      {
        representations: ['A0002AA', 'A0004AA', 'Z9999ZZ'].map((prisonNumber) => ({
          __typename: 'Prisoner',
          prisonNumber,
        })),
      },
    );

    expect(result.data?._entities).toEqual([
      { prisonNumber: 'A0002AA' },
      { prisonNumber: 'A0004AA' },
      null,
    ]);
    expect(moj.selects()).toHaveLength(1);
  });

  it('pages through every prisoner once, in prison-number order', async () => {
    const seen = await allPages<{ prisonNumber: string }>(moj, PAGE, 'prisoners', { first: 4 });

    expect(numbers(seen)).toEqual(numbers(prisoners).sort());
  });

  it('filters by sex', async () => {
    const seen = await allPages<{ prisonNumber: string }>(moj, PAGE, 'prisoners', {
      first: 1,
      filter: { sex: 'FEMALE' },
    });

    expect(numbers(seen)).toEqual(['A0002AA', 'A0005AA']);
  });

  it("filters by the establishment of each prisoner's latest custody period", async () => {
    const at = async (establishmentCode: string, sex?: string) =>
      numbers(
        await allPages<{ prisonNumber: string }>(moj, PAGE, 'prisoners', {
          first: 2,
          filter: { establishmentCode, sex },
        }),
      );

    // A0003AA was at BWI before LEI; A0001AA at LEI before BWI.
    expect(await at('BWI')).toEqual(['A0001AA', 'A0004AA']);
    expect(await at('LEI')).toEqual(['A0003AA']);
    expect(await at('STI')).toEqual(['A0002AA', 'A0005AA']);
    expect(await at('STI', 'MALE')).toEqual([]);
  });

  it.each(['bwi', 'BW', 'BWIX', 'B1I'])(
    'refuses establishmentCode %p with BAD_USER_INPUT',
    async (establishmentCode) => {
      const result = await moj.execute(PAGE, { filter: { establishmentCode } });

      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'establishmentCode',
      });
    },
  );

  it('refuses an impossible page size with BAD_USER_INPUT', async () => {
    const result = await moj.execute(PAGE, { first: 0 });

    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('loads aliases and custody periods of a whole page with one SELECT per child type', async () => {
    const result = await moj.execute(`{
      prisoners(first: 10) { edges { node {
        prisonNumber
        aliases { id givenName familyName dateOfBirth }
        custodyPeriods { id receptionDate }
        latestCustodyPeriod { id establishmentCode }
      } } } }`);

    expect(result.errors).toBeUndefined();
    expect(moj.selects()).toHaveLength(3);
    expect(selectsFrom(moj, 'prisoner_alias')).toHaveLength(1);
    expect(selectsFrom(moj, 'custody_period')).toHaveLength(1);

    type Node = {
      prisonNumber: string;
      aliases: { id: string; familyName: string }[];
      custodyPeriods: { id: string; receptionDate: string }[];
      latestCustodyPeriod: { id: string; establishmentCode: string } | null;
    };
    const nodes = (result.data?.prisoners as { edges: { node: Node }[] }).edges.map((e) => e.node);
    expect(nodes).toHaveLength(prisoners.length);
    for (const node of nodes) {
      const own = custodyPeriods
        .filter((p) => p.prisonNumber === node.prisonNumber)
        .sort((a, b) => b.receptionDate.localeCompare(a.receptionDate));
      expect(node.custodyPeriods.map((p) => p.id)).toEqual(own.map((p) => p.id));
      expect(node.latestCustodyPeriod?.id ?? null).toEqual(own[0]?.id ?? null);
      expect(node.aliases.map((a) => a.id).sort()).toEqual(
        aliases.filter((a) => a.prisonNumber === node.prisonNumber).map((a) => a.id),
      );
    }
    const first = nodes.find((n) => n.prisonNumber === 'A0001AA');
    expect(first?.aliases.map((a) => a.familyName)).toEqual(['Smith', 'Smyth']);
    expect(first?.latestCustodyPeriod).toEqual({
      id: custodyPeriods[1].id,
      establishmentCode: 'BWI',
    });
    expect(nodes.find((n) => n.prisonNumber === 'A0006AA')?.latestCustodyPeriod).toBeNull();
  });
});
