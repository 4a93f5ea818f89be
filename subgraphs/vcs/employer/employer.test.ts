import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import type { Employer } from './employer.entity';
import { allPages, buildVcsWorld, openVcs, orderBy } from '../test-fixtures';

const PAGE = `query ($first: Int, $after: String, $filter: EmployerFilter) {
  employers(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id } }
    pageInfo { hasNextPage endCursor }
  } }`;

describe('employers list', () => {
  const world = buildVcsWorld();
  const expected = (keep: (employer: Employer) => boolean) =>
    orderBy(world.employers.filter(keep), 'name').map((employer) => employer.id);
  let vcs: SubgraphUnderTest;

  beforeAll(async () => {
    vcs = await openVcs(world);
  });
  afterAll(() => vcs.close());

  it('pages through every employer once, by name then id, one statement a page', async () => {
    expect(await allPages(vcs, PAGE, 'employers', { first: 2 })).toEqual(expected(() => true));
  });

  it.each([
    ['sector', { sector: 'RETAIL' }, (e: Employer) => e.sector === 'RETAIL'],
    ['fair chance', { fairChance: true }, (e: Employer) => e.fairChance],
    ['not fair chance', { fairChance: false }, (e: Employer) => !e.fairChance],
    [
      'sector and fair chance',
      { sector: 'RETAIL', fairChance: false },
      (e: Employer) => e.sector === 'RETAIL' && !e.fairChance,
    ],
  ])('filters by %s', async (_name, filter, keep) => {
    const ids = expected(keep);

    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(world.employers.length);
    expect(await allPages(vcs, PAGE, 'employers', { first: 1, filter })).toEqual(ids);
  });

  it('refuses first: 101 and a foreign cursor with BAD_USER_INPUT', async () => {
    const tooMany = await vcs.execute(PAGE, { first: 101 });
    const foreign = await vcs.execute(PAGE, { after: 'not-a-cursor' });

    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
