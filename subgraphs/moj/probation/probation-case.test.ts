import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { allPages, openMoj, probationCases } from '../testing/fixtures';

const PAGE = `query ($first: Int, $after: String, $filter: ProbationCaseFilter) {
  probationCases(first: $first, after: $after, filter: $filter) {
    edges { cursor node { crn probationRegion } }
    pageInfo { hasNextPage endCursor }
  } }`;

describe('probation cases', () => {
  let moj: SubgraphUnderTest;
  beforeAll(async () => {
    moj = await openMoj();
  });
  afterAll(() => moj.close());

  const crns = async (variables: Record<string, unknown>) =>
    (await allPages<{ crn: string }>(moj, PAGE, 'probationCases', variables)).map((c) => c.crn);

  it('looks a case up by CRN with its new fields; unknown CRNs give null', async () => {
    const result = await moj.execute(`{
      found: probationCase(crn: "x000001") {
        crn prisonNumber nino pncNumber riskLevel accommodationOnRelease
        eteStatusAtRelease eteStatusAt6Weeks eteStatusAt6Months }
      missing: probationCase(crn: "X999999") { crn } }`);

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      found: {
        crn: 'X000001',
        prisonNumber: 'A0001AA',
        nino: null,
        pncNumber: null,
        riskLevel: 'MEDIUM',
        accommodationOnRelease: 'SETTLED',
        eteStatusAtRelease: null,
        eteStatusAt6Weeks: null,
        eteStatusAt6Months: null,
      },
      missing: null,
    });
  });

  it('refuses a malformed CRN with BAD_USER_INPUT', async () => {
    const result = await moj.execute('{ probationCase(crn: "12") { crn } }');

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'crn',
    });
  });

  it('pages through every case once, in CRN order', async () => {
    const all = probationCases.map((c) => c.crn).sort();

    expect(await crns({ first: 4 })).toEqual(all);
    expect(await crns({ first: 1 })).toEqual(all);
  });

  it('filters by probation region', async () => {
    expect(await crns({ first: 2, filter: { probationRegion: 'Wales' } })).toEqual(
      probationCases.filter((c) => c.probationRegion === 'Wales').map((c) => c.crn),
    );
    expect(await crns({ first: 2, filter: { probationRegion: 'Nowhere' } })).toEqual([]);
  });

  it('refuses a cursor it did not issue with BAD_USER_INPUT', async () => {
    const result = await moj.execute(PAGE, { after: 'not-a-cursor' });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'after',
    });
  });
});
