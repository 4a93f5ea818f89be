import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { Claimant } from '../claimant/claimant.entity';
import { claimant, claimantsWith, nino, openDwp, uuid } from '../test-fixtures';
import { WorkCoach } from './work-coach.entity';

const coaches: WorkCoach[] = [
  { id: uuid(1), name: 'Asha Patel', jobcentre: 'Leeds', prisonWorkCoach: true },
  { id: uuid(2), name: 'Tom Reid', jobcentre: 'Cardiff', prisonWorkCoach: false },
];
const claimants: Claimant[] = [
  claimant(1, { workCoachId: coaches[0].id }),
  claimant(2, { workCoachId: coaches[1].id }),
  claimant(3, { workCoachId: coaches[0].id }),
  claimant(4),
];

describe('work coaches', () => {
  const LOOKUP = `query ($id: ID!) { workCoach(id: $id) { id name jobcentre prisonWorkCoach } }`;
  let dwp: SubgraphUnderTest;

  beforeAll(async () => {
    dwp = await openDwp([
      [WorkCoach, coaches],
      [Claimant, claimants],
    ]);
  });
  afterAll(() => dwp.close());

  it("gives every claimant's work coach in one statement for all claimants", async () => {
    const result = await dwp.execute(claimantsWith('workCoach { id name prisonWorkCoach }'));

    expect(result.errors).toBeUndefined();
    expect(dwp.selects()).toHaveLength(2);
    const nodes = (result.data?.claimants as { edges: { node: unknown }[] }).edges.map(
      (edge) => edge.node,
    );
    expect(nodes).toEqual([
      { nino: nino(1), workCoach: { id: uuid(1), name: 'Asha Patel', prisonWorkCoach: true } },
      { nino: nino(2), workCoach: { id: uuid(2), name: 'Tom Reid', prisonWorkCoach: false } },
      { nino: nino(3), workCoach: { id: uuid(1), name: 'Asha Patel', prisonWorkCoach: true } },
      { nino: nino(4), workCoach: null },
    ]);
  });

  it('finds a work coach by id', async () => {
    const result = await dwp.execute(LOOKUP, { id: uuid(2).toUpperCase() });

    expect(result.errors).toBeUndefined();
    expect(result.data?.workCoach).toEqual(coaches[1]);
  });

  it('gives null for an unknown id', async () => {
    const result = await dwp.execute(LOOKUP, { id: uuid(99) });

    expect(result.errors).toBeUndefined();
    expect(result.data?.workCoach).toBeNull();
  });

  it('refuses a malformed id with BAD_USER_INPUT', async () => {
    const result = await dwp.execute(LOOKUP, { id: 'coach-1' });

    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });
});
