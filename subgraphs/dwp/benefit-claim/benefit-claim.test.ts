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
import { BenefitClaim } from './benefit-claim.entity';
import { Benefit, ClaimStatus } from './benefit-claim.enums';

function claim(n: number, owner: number, claimDate: string, extra: Partial<BenefitClaim> = {}) {
  return {
    id: uuid(n),
    nino: nino(owner),
    benefit: Benefit.UNIVERSAL_CREDIT,
    claimDate,
    startedInCustody: false,
    advancePayment: false,
    firstPaymentDate: null,
    status: ClaimStatus.OPEN,
    ...extra,
  } satisfies BenefitClaim;
}

const claimants = [1, 2, 3, 4].map((n) => claimant(n));
// Ids out of date order and two claims on one date, so paging must order by date then id.
const claims: BenefitClaim[] = [
  claim(9, 1, '2024-03-01', { startedInCustody: true, advancePayment: true }),
  claim(2, 1, '2024-01-15', { status: ClaimStatus.CLOSED }),
  claim(5, 1, '2024-06-30', { firstPaymentDate: '2024-07-28', status: ClaimStatus.IN_PAYMENT }),
  claim(7, 2, '2024-03-01', { benefit: Benefit.JOBSEEKERS_ALLOWANCE, startedInCustody: true }),
  claim(1, 4, '2023-11-20', { benefit: Benefit.PERSONAL_INDEPENDENCE_PAYMENT }),
  claim(4, 4, '2024-03-01', { status: ClaimStatus.DISALLOWED, startedInCustody: true }),
];

const PAGE = `query ($first: Int, $after: String, $filter: BenefitClaimFilter) {
  benefitClaims(first: $first, after: $after, filter: $filter) {
    edges { node { id } }
    pageInfo { hasNextPage endCursor }
  } }`;

describe('benefit claims', () => {
  let dwp: SubgraphUnderTest;

  beforeAll(async () => {
    dwp = await openDwp([
      [Claimant, claimants],
      [BenefitClaim, claims],
    ]);
  });
  afterAll(() => dwp.close());

  it("gives each claimant's claims, oldest first, in one statement for all claimants", async () => {
    const result = await dwp.execute(
      claimantsWith('benefitClaims { id nino benefit claimDate firstPaymentDate status }'),
    );

    expect(result.errors).toBeUndefined();
    expect(dwp.selects()).toHaveLength(2);
    const nodes = (
      result.data?.claimants as { edges: { node: { benefitClaims: { id: string }[] } }[] }
    ).edges.map((edge) => edge.node.benefitClaims.map((c) => c.id));
    expect(nodes).toEqual([[uuid(2), uuid(9), uuid(5)], [uuid(7)], [], [uuid(1), uuid(4)]]);
    expect(JSON.stringify(result.data)).toContain(
      JSON.stringify({
        id: uuid(5),
        nino: nino(1),
        benefit: 'UNIVERSAL_CREDIT',
        claimDate: '2024-06-30',
        firstPaymentDate: '2024-07-28',
        status: 'IN_PAYMENT',
      }),
    );
  });

  it('pages through every claim by claim date then id, one statement a page', async () => {
    expect(await allPages(dwp, PAGE, 'benefitClaims', { first: 2 })).toEqual(
      idsInOrder(claims, 'claimDate'),
    );
  });

  it.each<[string, Record<string, unknown>, (c: BenefitClaim) => boolean]>([
    [
      'benefit',
      { benefit: 'JOBSEEKERS_ALLOWANCE' },
      (c) => c.benefit === Benefit.JOBSEEKERS_ALLOWANCE,
    ],
    ['status', { status: 'CLOSED' }, (c) => c.status === ClaimStatus.CLOSED],
    ['advance claims', { startedInCustody: true }, (c) => c.startedInCustody],
    ['claims made after release', { startedInCustody: false }, (c) => !c.startedInCustody],
    ['claim date from', { claimDateFrom: '2024-03-01' }, (c) => c.claimDate >= '2024-03-01'],
    ['claim date to', { claimDateTo: '2024-03-01' }, (c) => c.claimDate <= '2024-03-01'],
    [
      'everything at once',
      {
        benefit: 'UNIVERSAL_CREDIT',
        startedInCustody: true,
        claimDateFrom: '2024-02-01',
        claimDateTo: '2024-03-31',
      },
      (c) =>
        c.benefit === Benefit.UNIVERSAL_CREDIT &&
        c.startedInCustody &&
        c.claimDate >= '2024-02-01' &&
        c.claimDate <= '2024-03-31',
    ],
  ])('filters by %s', async (_name, filter, keep) => {
    const expected = idsInOrder(claims.filter(keep), 'claimDate');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(claims.length);

    expect(await allPages(dwp, PAGE, 'benefitClaims', { first: 1, filter })).toEqual(expected);
  });

  it('refuses a date range that ends before it starts with BAD_USER_INPUT', async () => {
    const result = await dwp.execute(PAGE, {
      filter: { claimDateFrom: '2024-05-01', claimDateTo: '2024-04-30' },
    });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter',
    });
  });

  it('refuses first: 0 with BAD_USER_INPUT', async () => {
    const result = await dwp.execute(PAGE, { first: 0 });

    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
