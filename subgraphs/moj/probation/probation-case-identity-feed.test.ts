import { IDENTITY_SERVICE_REQUEST } from '../../../test/support/callers';
import {
  type SubgraphUnderTest,
  forgedCursor,
  inFeedOrder,
  pullIdentityFeed,
} from '../../../test/support/subgraph';
import { openMoj, probationCases } from '../testing/fixtures';
import { ProbationCase } from './probation-case.entity';

const FEED = 'probationCaseIdentityFeed';
const RECORD = `sourceId givenName familyName otherNames { givenName } dateOfBirth postcode nino
  prisonNumber pncNumber crn updatedAt`;
const PAGE = `query ($first: Int, $after: String) {
  probationCaseIdentityFeed(first: $first, after: $after) { records { sourceId } endCursor } }`;

type Record = { sourceId: string; pncNumber: string | null };
const sourceIds = (records: { sourceId: string }[]) => records.map((r) => r.sourceId);

describe('probationCaseIdentityFeed', () => {
  let moj: SubgraphUnderTest;

  beforeEach(async () => {
    moj = (await openMoj()).as(IDENTITY_SERVICE_REQUEST);
  });
  afterEach(() => moj.close());

  it('walks every probation case once, in (updatedAt, CRN) order, one statement a page', async () => {
    const pull = await pullIdentityFeed<Record>(moj, FEED, RECORD, { first: 2 });

    expect(sourceIds(pull.records)).toEqual(inFeedOrder(probationCases, 'crn'));
    expect(pull.pages).toBe(3);
  });

  it('gives what probation holds on a case, and null for what it does not', async () => {
    const { records } = await pullIdentityFeed<Record>(moj, FEED, RECORD, { first: 100 });

    expect(records.find((r) => r.sourceId === 'X000001')).toEqual({
      sourceId: 'X000001',
      givenName: 'Given X000001',
      familyName: 'Family X000001',
      otherNames: [],
      dateOfBirth: '1985-05-05',
      postcode: null,
      nino: null,
      prisonNumber: 'A0001AA',
      pncNumber: null,
      crn: 'X000001',
      updatedAt: '2024-01-15T08:00:00.000Z',
    });
  });

  it('brings a case back when it changes after the cursor was taken', async () => {
    const { endCursor } = await pullIdentityFeed<Record>(moj, FEED, RECORD, { first: 100 });

    await moj.database
      .getRepository(ProbationCase)
      .update({ crn: 'X000003' }, { pncNumber: '2001/0012345A' });

    const since = await pullIdentityFeed<Record>(moj, FEED, RECORD, {
      first: 100,
      after: endCursor,
    });
    expect(since.records).toEqual([
      expect.objectContaining({ sourceId: 'X000003', pncNumber: '2001/0012345A' }),
    ]);
  });

  it('refuses an impossible page size or a foreign cursor with BAD_USER_INPUT', async () => {
    const none = await moj.execute(PAGE, { first: 0 });
    const foreign = await moj.execute(PAGE, { after: forgedCursor(['X000001']) });

    expect(none.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
    expect(foreign.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'after',
    });
  });
});
