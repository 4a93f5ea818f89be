import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { buildVcsWorld, openVcs, readsFrom, uuid } from '../test-fixtures';

describe('organisations', () => {
  const world = buildVcsWorld();
  let vcs: SubgraphUnderTest;

  beforeAll(async () => {
    vcs = await openVcs(world);
  });
  afterAll(() => vcs.close());

  it('lists every organisation by name, each with its services, in two statements', async () => {
    const result = await vcs.execute(`{ organisations { id name services { id kind } } }`);

    expect(result.errors).toBeUndefined();
    expect(result.data?.organisations).toEqual([
      { id: uuid(103), name: 'A New Start', services: [] },
      {
        id: uuid(102),
        name: 'Bounce Back',
        services: [
          { id: uuid(204), kind: 'MENTORING' },
          { id: uuid(203), kind: 'TRAINING' },
        ],
      },
      {
        id: uuid(101),
        name: 'Working Chance',
        services: [
          { id: uuid(201), kind: 'IPS_EMPLOYMENT_SUPPORT' },
          { id: uuid(202), kind: 'MENTORING' },
        ],
      },
    ]);
    expect(vcs.selects()).toHaveLength(2);
    expect(readsFrom(vcs.selects(), 'charity_service')).toBe(1);
  });

  it('finds one organisation by id', async () => {
    const [organisation] = world.organisations;
    const result = await vcs.execute(
      `query ($id: ID!) { organisation(id: $id) { id charityNumber name region } }`,
      { id: organisation.id },
    );

    expect(result).toEqual({ data: { organisation } });
  });

  it('gives null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const unknown = await vcs.execute(`{ organisation(id: "${uuid(999999)}") { id } }`);
    const malformed = await vcs.execute(`{ organisation(id: "not-a-uuid") { id } }`);

    expect(unknown).toEqual({ data: { organisation: null } });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
