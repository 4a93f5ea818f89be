import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import type { Referral } from './referral.entity';
import { allPages, buildVcsWorld, openVcs, orderBy, readsFrom } from '../test-fixtures';

const PAGE = `query ($first: Int, $after: String, $filter: ReferralFilter) {
  referrals(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id } }
    pageInfo { hasNextPage endCursor }
  } }`;

describe('referrals list', () => {
  const world = buildVcsWorld();
  const serviceOf = (referral: Referral) =>
    world.services.find((service) => service.id === referral.serviceId)!;
  const expected = (keep: (referral: Referral) => boolean) =>
    orderBy(world.referrals.filter(keep), 'referredOn').map((referral) => referral.id);
  let vcs: SubgraphUnderTest;

  beforeAll(async () => {
    vcs = await openVcs(world);
  });
  afterAll(() => vcs.close());

  it('pages through every referral once, by date then id, one statement a page', async () => {
    expect(await allPages(vcs, PAGE, 'referrals', { first: 3 })).toEqual(expected(() => true));
  });

  it.each([
    ['status', { status: 'ACTIVE' }, (r: Referral) => r.status === 'ACTIVE'],
    ['source', { source: 'PRISON' }, (r: Referral) => r.source === 'PRISON'],
    [
      'referral dates, both ends inclusive',
      { referredFrom: '2024-01-12', referredTo: '2024-02-20' },
      (r: Referral) => r.referredOn >= '2024-01-12' && r.referredOn <= '2024-02-20',
    ],
    [
      'a start date only',
      { referredFrom: '2024-03-01' },
      (r: Referral) => r.referredOn >= '2024-03-01',
    ],
    [
      'service kind (through charity_service)',
      { serviceKind: 'MENTORING' },
      (r: Referral) => serviceOf(r).kind === 'MENTORING',
    ],
    [
      "the service's organisation",
      { organisationId: '00000000-0000-4000-8000-000000000101' },
      (r: Referral) => serviceOf(r).organisationId === '00000000-0000-4000-8000-000000000101',
    ],
    [
      'organisation, service kind, status and source together',
      {
        organisationId: '00000000-0000-4000-8000-000000000101',
        serviceKind: 'IPS_EMPLOYMENT_SUPPORT',
        status: 'ACTIVE',
        source: 'PRISON',
      },
      (r: Referral) =>
        serviceOf(r).organisationId === '00000000-0000-4000-8000-000000000101' &&
        serviceOf(r).kind === 'IPS_EMPLOYMENT_SUPPORT' &&
        r.status === 'ACTIVE' &&
        r.source === 'PRISON',
    ],
  ])('filters by %s', async (_name, filter, keep) => {
    const ids = expected(keep);

    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(world.referrals.length);
    expect(await allPages(vcs, PAGE, 'referrals', { first: 1, filter })).toEqual(ids);
  });

  it('filters by service kind in one statement, through a subquery on charity_service', async () => {
    await vcs.execute(PAGE, { filter: { serviceKind: 'TRAINING' } });

    expect(vcs.selects()).toHaveLength(1);
    expect(readsFrom(vcs.selects(), 'charity_service')).toBe(1);
  });

  it.each([
    ['a malformed organisationId', { organisationId: 'x' }, 'organisationId'],
    [
      'a date range that ends first',
      { referredFrom: '2024-03-01', referredTo: '2024-02-01' },
      'filter',
    ],
  ])('refuses %s with BAD_USER_INPUT', async (_name, filter, argument) => {
    const result = await vcs.execute(PAGE, { filter });

    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('refuses first: 0 with BAD_USER_INPUT', async () => {
    const result = await vcs.execute(PAGE, { first: 0 });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
  });

  it('reads the service of every referral on a page in one statement', async () => {
    const result = await vcs.execute(`{ referrals(first: 100) { edges { node {
      serviceId service { id name } } } } }`);
    const nodes = (
      result.data?.referrals as {
        edges: { node: { serviceId: string; service: { id: string } } }[];
      }
    ).edges.map((edge) => edge.node);

    expect(result.errors).toBeUndefined();
    expect(nodes).toHaveLength(world.referrals.length);
    for (const node of nodes) expect(node.service.id).toBe(node.serviceId);
    expect(vcs.selects()).toHaveLength(2);
    expect(readsFrom(vcs.selects(), 'charity_service')).toBe(1);
  });
});
