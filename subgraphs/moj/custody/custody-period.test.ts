import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { allPages, custodyPeriods, openMoj } from '../testing/fixtures';

const PAGE = `query ($first: Int, $after: String, $filter: CustodyPeriodFilter) {
  custodyPeriods(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id receptionDate releaseDate releaseType establishmentCode } }
    pageInfo { hasNextPage endCursor }
  } }`;

/** The fixture ids in the list's order: reception date, then id. */
function expected(keep: (period: (typeof custodyPeriods)[number]) => boolean) {
  return custodyPeriods
    .filter(keep)
    .sort((a, b) => a.receptionDate.localeCompare(b.receptionDate) || a.id.localeCompare(b.id))
    .map((period) => period.id);
}

describe('custody periods list', () => {
  let moj: SubgraphUnderTest;
  beforeAll(async () => {
    moj = await openMoj();
  });
  afterAll(() => moj.close());

  const ids = async (variables: Record<string, unknown>) =>
    (await allPages<{ id: string }>(moj, PAGE, 'custodyPeriods', variables)).map((p) => p.id);

  it('pages through every period once, by reception date then id (ties split across pages)', async () => {
    // Three periods share a reception date of 2023-05-10, so a page of 2 cuts through the tie.
    expect(await ids({ first: 2 })).toEqual(expected(() => true));
    expect(await ids({ first: 100 })).toEqual(expected(() => true));
  });

  it('filters by establishment', async () => {
    expect(await ids({ first: 1, filter: { establishmentCode: 'BWI' } })).toEqual(
      expected((p) => p.establishmentCode === 'BWI'),
    );
  });

  it('filters by release type', async () => {
    expect(
      await ids({ first: 2, filter: { releaseType: 'AUTOMATIC_RELEASE_ON_LICENCE' } }),
    ).toEqual(expected((p) => p.releaseType === 'AUTOMATIC_RELEASE_ON_LICENCE'));
  });

  it('filters by release date range, inclusive at both ends, leaving out those not released', async () => {
    const inRange = (from: string, to: string) =>
      expected((p) => p.releaseDate !== null && p.releaseDate >= from && p.releaseDate <= to);

    expect(
      await ids({ first: 2, filter: { releasedFrom: '2024-02-01', releasedTo: '2024-03-20' } }),
    ).toEqual(inRange('2024-02-01', '2024-03-20'));
    expect(inRange('2024-02-01', '2024-03-20')).toHaveLength(3);
    expect(await ids({ first: 5, filter: { releasedFrom: '2022-06-30' } })).toEqual(
      inRange('2022-06-30', '9999-12-31'),
    );
    expect(await ids({ first: 5, filter: { releasedTo: '2022-01-01' } })).toEqual(
      inRange('0000-01-01', '2022-01-01'),
    );
  });

  it('combines filters', async () => {
    expect(
      await ids({
        first: 5,
        filter: { establishmentCode: 'STI', releaseType: 'HOME_DETENTION_CURFEW' },
      }),
    ).toEqual(
      expected((p) => p.establishmentCode === 'STI' && p.releaseType === 'HOME_DETENTION_CURFEW'),
    );
  });

  it('refuses a range that ends before it starts with BAD_USER_INPUT', async () => {
    const result = await moj.execute(PAGE, {
      filter: { releasedFrom: '2024-02-01', releasedTo: '2024-01-01' },
    });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter',
    });
  });

  it('refuses a malformed establishment code with BAD_USER_INPUT', async () => {
    const result = await moj.execute(PAGE, { filter: { establishmentCode: 'Leeds' } });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'establishmentCode',
    });
  });
});
