import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { Claimant } from '../claimant/claimant.entity';
import {
  allPages,
  claimant,
  claimantsWith,
  idsInOrder,
  nino,
  openDwp,
  uuid,
} from '../test-fixtures';
import { EmploymentOutcome } from './employment-outcome.entity';
import { EarningsBand, HoursBand } from './employment-outcome.enums';
import { Sector } from './sector.enum';

function outcome(n: number, owner: number, jobStartDate: string, sector: Sector) {
  return {
    id: uuid(n),
    nino: nino(owner),
    jobStartDate,
    sector,
    hoursBand: HoursBand.FULL_TIME_30_PLUS,
    earningsBand: EarningsBand.FROM_1500,
    sustained13Weeks: null,
    sustained26Weeks: null,
  } satisfies EmploymentOutcome;
}

const claimants = [1, 2, 3, 4].map((n) => claimant(n));
const outcomes: EmploymentOutcome[] = [
  { ...outcome(8, 1, '2024-01-08', Sector.CONSTRUCTION), sustained13Weeks: true },
  { ...outcome(3, 1, '2024-09-02', Sector.HOSPITALITY), hoursBand: HoursBand.UNDER_16 },
  { ...outcome(6, 2, '2024-01-08', Sector.CONSTRUCTION), sustained26Weeks: false },
  outcome(1, 4, '2024-05-20', Sector.WAREHOUSING_AND_LOGISTICS),
  { ...outcome(4, 4, '2023-12-01', Sector.CONSTRUCTION), earningsBand: EarningsBand.UNDER_500 },
];

const PAGE = `query ($first: Int, $after: String, $filter: EmploymentOutcomeFilter) {
  employmentOutcomes(first: $first, after: $after, filter: $filter) {
    edges { node { id } }
    pageInfo { hasNextPage endCursor }
  } }`;

describe('employment outcomes', () => {
  let dwp: SubgraphUnderTest;

  beforeAll(async () => {
    dwp = await openDwp([
      [Claimant, claimants],
      [EmploymentOutcome, outcomes],
    ]);
  });
  afterAll(() => dwp.close());

  it("gives each claimant's outcomes, earliest first, in one statement", async () => {
    const result = await dwp.execute(
      claimantsWith(`employmentOutcomes {
        id nino jobStartDate sector hoursBand earningsBand sustained13Weeks sustained26Weeks }`),
    );

    expect(result.errors).toBeUndefined();
    expect(dwp.selects()).toHaveLength(2);
    expect(result.data?.claimants).toEqual({
      edges: [
        { node: { nino: nino(1), employmentOutcomes: [outcomes[0], outcomes[1]] } },
        { node: { nino: nino(2), employmentOutcomes: [outcomes[2]] } },
        { node: { nino: nino(3), employmentOutcomes: [] } },
        { node: { nino: nino(4), employmentOutcomes: [outcomes[4], outcomes[3]] } },
      ],
    });
  });

  it('pages through every outcome by job start date then id, one statement a page', async () => {
    expect(await allPages(dwp, PAGE, 'employmentOutcomes', { first: 2 })).toEqual(
      idsInOrder(outcomes, 'jobStartDate'),
    );
  });

  it.each<[string, Record<string, unknown>, (o: EmploymentOutcome) => boolean]>([
    ['sector', { sector: 'CONSTRUCTION' }, (o) => o.sector === Sector.CONSTRUCTION],
    ['job start from', { jobStartFrom: '2024-01-08' }, (o) => o.jobStartDate >= '2024-01-08'],
    ['job start to', { jobStartTo: '2024-01-08' }, (o) => o.jobStartDate <= '2024-01-08'],
    [
      'sector and dates',
      { sector: 'CONSTRUCTION', jobStartFrom: '2024-01-01', jobStartTo: '2024-12-31' },
      (o) => o.sector === Sector.CONSTRUCTION && o.jobStartDate >= '2024-01-01',
    ],
  ])('filters by %s', async (_name, filter, keep) => {
    const expected = idsInOrder(outcomes.filter(keep), 'jobStartDate');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(outcomes.length);

    expect(await allPages(dwp, PAGE, 'employmentOutcomes', { first: 1, filter })).toEqual(expected);
  });

  it('refuses a date range that ends before it starts with BAD_USER_INPUT', async () => {
    const result = await dwp.execute(PAGE, {
      filter: { jobStartFrom: '2024-05-01', jobStartTo: '2024-01-01' },
    });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter',
    });
  });

  it('refuses first: 101 with BAD_USER_INPUT', async () => {
    const result = await dwp.execute(PAGE, { first: 101 });

    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
