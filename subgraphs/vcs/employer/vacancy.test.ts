import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import type { Vacancy } from './vacancy.entity';
import { allPages, buildVcsWorld, openVcs, orderBy, readsFrom } from '../test-fixtures';

const PAGE = `query ($first: Int, $after: String, $filter: VacancyFilter) {
  vacancies(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id } }
    pageInfo { hasNextPage endCursor }
  } }`;

describe('vacancies list', () => {
  const world = buildVcsWorld();
  const fairChance = (vacancy: Vacancy) =>
    world.employers.find((employer) => employer.id === vacancy.employerId)!.fairChance;
  const expected = (keep: (vacancy: Vacancy) => boolean) =>
    orderBy(world.vacancies.filter(keep), 'postedOn').map((vacancy) => vacancy.id);
  let vcs: SubgraphUnderTest;

  beforeAll(async () => {
    vcs = await openVcs(world);
  });
  afterAll(() => vcs.close());

  it('pages through every vacancy once, by posting date then id, one statement a page', async () => {
    expect(await allPages(vcs, PAGE, 'vacancies', { first: 2 })).toEqual(expected(() => true));
  });

  it.each([
    ['sector', { sector: 'HOSPITALITY' }, (v: Vacancy) => v.sector === 'HOSPITALITY'],
    ['location', { location: 'Leeds' }, (v: Vacancy) => v.location === 'Leeds'],
    ['fair-chance employers only', { fairChanceOnly: true }, fairChance],
    [
      'location and fair chance',
      { location: 'Cardiff', fairChanceOnly: true },
      (v: Vacancy) => v.location === 'Cardiff' && fairChance(v),
    ],
  ])('filters by %s', async (_name, filter, keep) => {
    const ids = expected(keep);

    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(world.vacancies.length);
    expect(await allPages(vcs, PAGE, 'vacancies', { first: 1, filter })).toEqual(ids);
  });

  it('treats fairChanceOnly: false as no filter', async () => {
    const ids = await allPages(vcs, PAGE, 'vacancies', {
      first: 100,
      filter: { fairChanceOnly: false },
    });

    expect(ids).toEqual(expected(() => true));
  });

  it('reads the employer of every vacancy in one statement', async () => {
    const result = await vcs.execute(`{ vacancies(first: 100) { edges { node {
      employerId employer { id fairChance } } } } }`);
    const nodes = (
      result.data?.vacancies as {
        edges: { node: { employerId: string; employer: { id: string } } }[];
      }
    ).edges.map((edge) => edge.node);

    expect(result.errors).toBeUndefined();
    expect(nodes).toHaveLength(world.vacancies.length);
    for (const node of nodes) expect(node.employer.id).toBe(node.employerId);
    expect(vcs.selects()).toHaveLength(2);
    expect(readsFrom(vcs.selects(), 'employer')).toBe(1);
  });

  it('refuses first: -1 with BAD_USER_INPUT', async () => {
    const result = await vcs.execute(PAGE, { first: -1 });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
  });
});
