import { IDENTITY_SERVICE_REQUEST } from '../../../test/support/callers';
import {
  type SubgraphUnderTest,
  forgedCursor,
  inFeedOrder,
  pullIdentityFeed,
} from '../../../test/support/subgraph';
import { openMoj, prisoners, selectsFrom } from '../testing/fixtures';
import { Prisoner } from './prisoner.entity';

const FEED = 'prisonerIdentityFeed';
const RECORD = `sourceId givenName familyName dateOfBirth postcode nino prisonNumber pncNumber crn
  updatedAt otherNames { givenName familyName dateOfBirth }`;
const PAGE = `query ($first: Int, $after: String) {
  prisonerIdentityFeed(first: $first, after: $after) { records { sourceId } endCursor } }`;

type Record = { sourceId: string; givenName: string; updatedAt: string };
const sourceIds = (records: { sourceId: string }[]) => records.map((r) => r.sourceId);

describe('prisonerIdentityFeed', () => {
  let moj: SubgraphUnderTest;

  beforeEach(async () => {
    moj = (await openMoj()).as(IDENTITY_SERVICE_REQUEST);
  });
  afterEach(() => moj.close());

  it('walks every prisoner once, in (updatedAt, prison number) order, two statements a page', async () => {
    const pull = await pullIdentityFeed<Record>(moj, FEED, RECORD, {
      first: 2,
      selectsPerPage: 2,
    });

    expect(sourceIds(pull.records)).toEqual(inFeedOrder(prisoners, 'prisonNumber'));
    expect(pull.pages).toBe(3);
  });

  it.each([1, 4, 100])("loads a page of %i prisoners' aliases in one statement", async (first) => {
    await moj.execute(PAGE.replace('sourceId', `sourceId otherNames { givenName }`), { first });

    expect(moj.selects()).toHaveLength(2);
    expect(selectsFrom(moj, 'prisoner_alias')).toHaveLength(1);
  });

  it('gives what the prison holds, with aliases as other names, and null for the rest', async () => {
    const { records } = await pullIdentityFeed<Record>(moj, FEED, RECORD, {
      first: 100,
      selectsPerPage: 2,
    });

    expect(records.find((r) => r.sourceId === 'A0001AA')).toEqual({
      sourceId: 'A0001AA',
      givenName: 'Given A0001AA',
      familyName: 'Family A0001AA',
      otherNames: [
        { givenName: 'John', familyName: 'Smith', dateOfBirth: '1990-01-02' },
        { givenName: 'Jon', familyName: 'Smyth', dateOfBirth: null },
      ],
      dateOfBirth: '1990-01-01',
      postcode: null,
      nino: 'AB123456C',
      prisonNumber: 'A0001AA',
      pncNumber: null,
      crn: null,
      updatedAt: '2024-03-01T10:00:00.000Z',
    });
    expect(records.find((r) => r.sourceId === 'A0002AA')).toMatchObject({ otherNames: [] });
  });

  it('brings a prisoner back when it changes after the cursor was taken', async () => {
    const { endCursor } = await pullIdentityFeed<Record>(moj, FEED, RECORD, {
      first: 4,
      selectsPerPage: 2,
    });

    await moj.database
      .getRepository(Prisoner)
      .update({ prisonNumber: 'A0004AA' }, { givenName: 'Renamed' });

    const since = await pullIdentityFeed<Record>(moj, FEED, RECORD, {
      first: 4,
      after: endCursor,
      selectsPerPage: 2,
    });
    expect(since.records).toEqual([
      expect.objectContaining({ sourceId: 'A0004AA', givenName: 'Renamed' }),
    ]);
  });

  it('refuses an impossible page size or a foreign cursor with BAD_USER_INPUT', async () => {
    const tooMany = await moj.execute(PAGE, { first: 5001 });
    const foreign = await moj.execute(PAGE, { after: forgedCursor(['yesterday', 'A0001AA']) });

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
