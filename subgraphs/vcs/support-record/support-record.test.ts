import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { allPages, buildVcsWorld, openVcs, readsFrom, uuid } from '../test-fixtures';

const PAGE = `query ($first: Int, $after: String, $filter: SupportRecordFilter) {
  supportRecords(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id } }
    pageInfo { hasNextPage endCursor }
  } }`;

const CASE_FILES = `{
  supportRecords(first: 10) { edges { node {
    id givenName familyName dateOfBirth postcode nino prisonNumber openedOn
    organisation { id name }
    referrals { id referredOn service { id kind } }
    engagements { id date kind notes referralId }
    outcomes { id kind employer { id name } }
    consents { id scope givenOn withdrawnOn }
  } } } }`;

describe('support records', () => {
  const world = buildVcsWorld();
  let vcs: SubgraphUnderTest;

  beforeAll(async () => {
    vcs = await openVcs(world);
  });
  afterAll(() => vcs.close());

  it('finds one record by id, with its identity fields', async () => {
    const [record] = world.supportRecords;
    const result = await vcs.execute(
      `query ($id: ID!) { supportRecord(id: $id) {
        id givenName familyName dateOfBirth postcode nino prisonNumber openedOn
        organisation { name } } }`,
      { id: record.id.toUpperCase() },
    );

    expect(result.errors).toBeUndefined();
    expect(result.data?.supportRecord).toEqual({
      id: record.id,
      givenName: record.givenName,
      familyName: record.familyName,
      dateOfBirth: record.dateOfBirth,
      postcode: record.postcode,
      nino: record.nino,
      prisonNumber: record.prisonNumber,
      openedOn: record.openedOn,
      organisation: { name: 'Working Chance' },
    });
  });

  it('gives null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const unknown = await vcs.execute(`{ supportRecord(id: "${uuid(999999)}") { id } }`);
    const malformed = await vcs.execute(`{ supportRecord(id: "42") { id } }`);

    expect(unknown).toEqual({ data: { supportRecord: null } });
    expect(malformed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'id',
    });
  });

  it('resolves federation references in one statement', async () => {
    const result = await vcs.execute(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on SupportRecord { id } } }`,
      {
        r: [world.supportRecords[2], world.supportRecords[0], { id: uuid(999999) }].map(
          (record) => ({ __typename: 'SupportRecord', id: record.id }),
        ),
      },
    );

    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: world.supportRecords[2].id },
      { id: world.supportRecords[0].id },
      null,
    ]);
    expect(vcs.selects()).toHaveLength(1);
  });

  it('pages through every record once, in id order, one statement a page', async () => {
    const expected = world.supportRecords.map((record) => record.id).sort();

    expect(await allPages(vcs, PAGE, 'supportRecords', { first: 2 })).toEqual(expected);
  });

  it('filters by organisation', async () => {
    const organisationId = world.organisations[1].id;
    const expected = world.supportRecords
      .filter((record) => record.organisationId === organisationId)
      .map((record) => record.id)
      .sort();

    expect(expected).toHaveLength(2);
    expect(
      await allPages(vcs, PAGE, 'supportRecords', { first: 1, filter: { organisationId } }),
    ).toEqual(expected);
  });

  it('refuses a malformed organisationId with BAD_USER_INPUT', async () => {
    const result = await vcs.execute(PAGE, { filter: { organisationId: 'nope' } });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'organisationId',
    });
  });

  it('reads every child list for many records with one SELECT per child type', async () => {
    const result = await vcs.execute(CASE_FILES);

    expect(result.errors).toBeUndefined();
    const selects = vcs.selects();
    expect(selects).toHaveLength(8);
    for (const table of [
      'support_record',
      'organisation',
      'referral',
      'charity_service',
      'engagement',
      'support_outcome',
      'employer',
      'consent',
    ]) {
      expect({ table, reads: readsFrom(selects, table) }).toEqual({ table, reads: 1 });
    }
  });

  it('gives each record its own children, oldest first', async () => {
    const result = await vcs.execute(CASE_FILES);
    type Node = {
      id: string;
      organisation: { id: string };
      referrals: { id: string; service: { id: string } }[];
      engagements: { id: string }[];
      outcomes: { id: string; employer: { id: string } | null }[];
      consents: { id: string }[];
    };
    const nodes = (result.data?.supportRecords as { edges: { node: Node }[] }).edges.map(
      (edge) => edge.node,
    );
    const first = nodes.find((node) => node.id === world.supportRecords[0].id);
    const fourth = nodes.find((node) => node.id === world.supportRecords[3].id);

    expect(first?.organisation.id).toBe(world.organisations[0].id);
    // Both referred on 2024-01-12: the tie breaks by id.
    expect(first?.referrals).toEqual([
      { id: uuid(403), referredOn: '2024-01-12', service: { id: uuid(202), kind: 'MENTORING' } },
      {
        id: uuid(409),
        referredOn: '2024-01-12',
        service: { id: uuid(201), kind: 'IPS_EMPLOYMENT_SUPPORT' },
      },
    ]);
    expect(first?.engagements.map((e) => e.id)).toEqual([uuid(502), uuid(501)]);
    expect(first?.outcomes.map((o) => [o.id, o.employer?.id])).toEqual([
      [uuid(701), uuid(601)],
      [uuid(702), uuid(601)],
    ]);
    expect(first?.consents.map((c) => c.id)).toEqual([uuid(902), uuid(901)]);
    expect(fourth).toMatchObject({
      organisation: { id: world.organisations[1].id },
      referrals: [{ id: uuid(405) }],
      engagements: [],
      outcomes: [],
      consents: [{ id: uuid(904) }],
    });
  });
});
