import { IDENTITY_SERVICE_REQUEST } from '../../../test/support/callers';
import {
  type SubgraphUnderTest,
  forgedCursor,
  inFeedOrder,
  pullIdentityFeed,
} from '../../../test/support/subgraph';
import { buildVcsWorld, openVcs } from '../test-fixtures';
import { SupportRecord } from './support-record.entity';

const FEED = 'supportRecordIdentityFeed';
const RECORD = `sourceId givenName familyName otherNames { givenName } dateOfBirth postcode nino
  prisonNumber pncNumber crn updatedAt`;
const PAGE = `query ($first: Int, $after: String) {
  supportRecordIdentityFeed(first: $first, after: $after) { records { sourceId } endCursor } }`;

type Record = { sourceId: string; postcode: string | null };
const sourceIds = (records: { sourceId: string }[]) => records.map((r) => r.sourceId);

/** The test world, with the newest record changed first and two changed at one moment. */
function world() {
  const built = buildVcsWorld();
  const [first, second, , fourth, fifth] = built.supportRecords;
  first.updatedAt = '2024-06-01T09:00:00.000Z';
  fourth.updatedAt = second.updatedAt;
  fifth.updatedAt = '2023-12-31T23:59:59.999Z';
  return built;
}

describe('supportRecordIdentityFeed', () => {
  let vcs: SubgraphUnderTest;
  let records: SupportRecord[];

  beforeEach(async () => {
    const built = world();
    records = built.supportRecords;
    vcs = (await openVcs(built)).as(IDENTITY_SERVICE_REQUEST);
  });
  afterEach(() => vcs.close());

  it('walks every support record once, in (updatedAt, id) order, one statement a page', async () => {
    const pull = await pullIdentityFeed<Record>(vcs, FEED, RECORD, { first: 2 });

    expect(sourceIds(pull.records)).toEqual(inFeedOrder(records, 'id'));
    expect(pull.pages).toBe(3);
  });

  it('gives what the charity holds on a record, and null for what it does not', async () => {
    const { records: pulled } = await pullIdentityFeed<Record>(vcs, FEED, RECORD, { first: 100 });
    const third = records[2];

    expect(pulled.find((r) => r.sourceId === third.id)).toEqual({
      sourceId: third.id,
      givenName: 'Given3',
      familyName: 'Family3',
      otherNames: [],
      dateOfBirth: third.dateOfBirth,
      postcode: null,
      nino: third.nino,
      prisonNumber: third.prisonNumber,
      pncNumber: null,
      crn: null,
      updatedAt: '2024-02-15T09:00:00.000Z',
    });
    expect(third.prisonNumber).not.toBeNull();
  });

  it('brings a record back when it changes after the cursor was taken', async () => {
    const { endCursor } = await pullIdentityFeed<Record>(vcs, FEED, RECORD, { first: 100 });

    await vcs.database.getRepository(SupportRecord).update(records[4].id, { postcode: 'M1 1AA' });

    const since = await pullIdentityFeed<Record>(vcs, FEED, RECORD, {
      first: 100,
      after: endCursor,
    });
    expect(since.records).toEqual([
      expect.objectContaining({ sourceId: records[4].id, postcode: 'M1 1AA' }),
    ]);
  });

  it('refuses an impossible page size or a foreign cursor with BAD_USER_INPUT', async () => {
    const tooMany = await vcs.execute(PAGE, { first: 10_000 });
    const foreign = await vcs.execute(PAGE, { after: forgedCursor({ after: records[0].id }) });

    expect(tooMany.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
    expect(foreign.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'after',
    });
  });
});
