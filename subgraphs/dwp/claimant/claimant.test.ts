import { type SubgraphUnderTest, allPageNodes } from '../../../test/support/subgraph';
import { claimant, nino, openDwp, uuid } from '../test-fixtures';
import { WorkCoach } from '../work-coach/work-coach.entity';
import { Claimant } from './claimant.entity';

const PAGE = `query ($first: Int, $after: String, $filter: ClaimantFilter) {
  claimants(first: $first, after: $after, filter: $filter) {
    edges { cursor node { nino jobcentre workCoachId } }
    pageInfo { hasNextPage endCursor }
  } }`;

const coaches: WorkCoach[] = [
  { id: uuid(1), name: 'Asha Patel', jobcentre: 'Leeds', prisonWorkCoach: true },
  { id: uuid(2), name: 'Tom Reid', jobcentre: 'Cardiff', prisonWorkCoach: false },
];
// Inserted out of NINO order, so the list's order is its own doing.
const claimants: Claimant[] = [7, 3, 9, 1, 5, 2, 8, 4, 6].map((n) =>
  claimant(n, {
    jobcentre: n % 2 ? 'Leeds' : 'Cardiff',
    workCoachId: n % 3 === 0 ? null : coaches[n % 3 === 1 ? 0 : 1].id,
  }),
);

describe('claimants', () => {
  let dwp: SubgraphUnderTest;

  beforeAll(async () => {
    dwp = await openDwp([
      [WorkCoach, coaches],
      [Claimant, claimants],
    ]);
  });
  afterAll(() => dwp.close());

  const allPages = async (variables: Record<string, unknown>) =>
    (await allPageNodes<{ nino: string }>(dwp, PAGE, 'claimants', variables)).map((c) => c.nino);

  const ninos = (keep: (c: Claimant) => boolean) =>
    claimants
      .filter(keep)
      .map((c) => c.nino)
      .sort();

  it('pages through every claimant once, in NINO order, one statement a page', async () => {
    expect(await allPages({ first: 4 })).toEqual(ninos(() => true));
  });

  it('filters by Jobcentre', async () => {
    expect(await allPages({ first: 3, filter: { jobcentre: 'Leeds' } })).toEqual(
      ninos((c) => c.jobcentre === 'Leeds'),
    );
  });

  it('filters by work coach, alone and with the Jobcentre', async () => {
    const workCoachId = coaches[1].id;
    expect(await allPages({ first: 2, filter: { workCoachId } })).toEqual(
      ninos((c) => c.workCoachId === workCoachId),
    );
    expect(await allPages({ first: 2, filter: { workCoachId, jobcentre: 'Cardiff' } })).toEqual(
      ninos((c) => c.workCoachId === workCoachId && c.jobcentre === 'Cardiff'),
    );
  });

  it('refuses a malformed work coach id with BAD_USER_INPUT', async () => {
    const result = await dwp.execute(PAGE, { filter: { workCoachId: 'coach-1' } });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'workCoachId',
    });
  });

  it.each([0, 101, -1])('refuses first: %i with BAD_USER_INPUT', async (first) => {
    const result = await dwp.execute(PAGE, { first });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
  });

  it('refuses a cursor it did not issue', async () => {
    const result = await dwp.execute(PAGE, { after: 'not-a-cursor' });

    expect(result.errors?.[0].message).toBe(
      'after must be an endCursor from an earlier page of this list.',
    );
  });
});

describe('claimant', () => {
  const LOOKUP = `query ($nino: String!) { claimant(nino: $nino) { nino givenName workCoachId } }`;
  let dwp: SubgraphUnderTest;

  beforeAll(async () => {
    dwp = await openDwp([
      [WorkCoach, coaches],
      [Claimant, claimants],
    ]);
  });
  afterAll(() => dwp.close());

  it('finds a claimant by NINO as people type it', async () => {
    const result = await dwp.execute(LOOKUP, { nino: 'ab 00 00 01 c' });

    expect(result.errors).toBeUndefined();
    expect(result.data?.claimant).toEqual({
      nino: nino(1),
      givenName: 'Given1',
      workCoachId: coaches[0].id,
    });
  });

  it('gives null for a NINO DWP does not hold', async () => {
    const result = await dwp.execute(LOOKUP, { nino: nino(99) });

    expect(result.errors).toBeUndefined();
    expect(result.data?.claimant).toBeNull();
  });

  it('refuses a malformed NINO with BAD_USER_INPUT', async () => {
    const result = await dwp.execute(LOOKUP, { nino: 'QQ12' });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'nino',
    });
  });
});
