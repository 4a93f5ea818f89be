import { IDENTITY_SERVICE_REQUEST } from '../../../test/support/callers';
import { UPDATED_AT_EPOCH } from '../../../lib/updated-at';
import {
  type SubgraphUnderTest,
  forgedCursor,
  inFeedOrder,
  pullIdentityFeed,
} from '../../../test/support/subgraph';
import { claimant, nino, openDwp } from '../test-fixtures';
import { Claimant } from './claimant.entity';

const FEED = 'claimantIdentityFeed';
const RECORD = `sourceId givenName familyName otherNames { givenName } dateOfBirth postcode nino
  prisonNumber pncNumber crn updatedAt`;
const PAGE = `query ($first: Int, $after: String) {
  claimantIdentityFeed(first: $first, after: $after) { records { sourceId } endCursor } }`;

const at = (day: string) => `${day}T12:00:00.000Z`;
// Changed out of NINO order, three at one moment and one before the column existed.
const claimants: Claimant[] = [
  claimant(1, { updatedAt: at('2024-03-01'), postcode: 'LS1 4AP' }),
  claimant(2, { updatedAt: at('2024-01-01') }),
  claimant(3, { updatedAt: at('2024-03-01') }),
  claimant(4, { updatedAt: at('2024-02-01') }),
  claimant(5, { updatedAt: at('2024-03-01') }),
  claimant(6, { updatedAt: at('2024-01-01') }),
  claimant(7, { updatedAt: UPDATED_AT_EPOCH }),
];

type Record = { sourceId: string; postcode: string | null; updatedAt: string };
const sourceIds = (records: { sourceId: string }[]) => records.map((r) => r.sourceId);

describe('claimantIdentityFeed', () => {
  let dwp: SubgraphUnderTest;

  beforeEach(async () => {
    dwp = (await openDwp([[Claimant, claimants]])).as(IDENTITY_SERVICE_REQUEST);
  });
  afterEach(() => dwp.close());

  it('walks every claimant once, in (updatedAt, NINO) order, one statement a page', async () => {
    const pull = await pullIdentityFeed<Record>(dwp, FEED, RECORD, { first: 2 });

    expect(sourceIds(pull.records)).toEqual(inFeedOrder(claimants, 'nino'));
    expect(pull.pages).toBe(4);
  });

  it('gives what DWP holds on a claimant, and null for what it does not', async () => {
    const { records } = await pullIdentityFeed<Record>(dwp, FEED, RECORD, { first: 100 });

    expect(records.find((r) => r.sourceId === nino(1))).toEqual({
      sourceId: nino(1),
      givenName: 'Given1',
      familyName: 'Family1',
      otherNames: [],
      dateOfBirth: '1990-01-01',
      postcode: 'LS1 4AP',
      nino: nino(1),
      prisonNumber: null,
      pncNumber: null,
      crn: null,
      updatedAt: at('2024-03-01'),
    });
  });

  it('brings a claimant back when it changes after the cursor was taken', async () => {
    const firstPage = await dwp.execute(PAGE, { first: 2 });
    const taken = (firstPage.data?.[FEED] as { endCursor: string }).endCursor;
    const end = (await pullIdentityFeed<Record>(dwp, FEED, RECORD, { first: 3 })).endCursor;
    const before = new Date().toISOString();

    // nino(2) was on the first page; it moves to the end of the feed.
    await dwp.database.getRepository(Claimant).update({ nino: nino(2) }, { postcode: 'CF10 1AA' });

    const sinceEnd = await pullIdentityFeed<Record>(dwp, FEED, RECORD, { first: 2, after: end });
    expect(sinceEnd.records).toEqual([
      expect.objectContaining({ sourceId: nino(2), postcode: 'CF10 1AA' }),
    ]);
    expect(sinceEnd.records[0].updatedAt >= before).toBe(true);
    const sinceTaken = await pullIdentityFeed<Record>(dwp, FEED, RECORD, {
      first: 2,
      after: taken,
    });
    expect(sourceIds(sinceTaken.records)).toEqual([
      ...inFeedOrder(claimants, 'nino').slice(2),
      nino(2),
    ]);
  });

  it('gives no records and the same cursor when nothing has changed', async () => {
    const { endCursor } = await pullIdentityFeed<Record>(dwp, FEED, RECORD, { first: 100 });

    const again = await dwp.execute(PAGE, { after: endCursor });

    expect(again).toEqual({ data: { [FEED]: { records: [], endCursor } } });
  });

  it('stamps updatedAt whenever TypeORM writes a claimant without one', async () => {
    const claimants = dwp.database.getRepository(Claimant);
    const before = new Date().toISOString();
    const saved = await claimants.findOneByOrFail({ nino: nino(7) });
    saved.givenName = 'Renamed';

    await claimants.save(saved);
    await claimants.insert({ ...claimant(8), updatedAt: undefined });

    const stamped = await claimants.findBy([{ nino: nino(7) }, { nino: nino(8) }]);
    expect(stamped.map((c) => c.updatedAt >= before)).toEqual([true, true]);
    expect(stamped[0].updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('asks for 1000 rows (and one more, to know if there are more) when first is not given', async () => {
    for (const first of [undefined, null]) {
      await dwp.execute(PAGE, { first });

      expect(dwp.selects()).toEqual([expect.stringMatching(/LIMIT 1001$/)]);
    }
  });

  it.each([0, -1, 5001])('refuses first: %i with BAD_USER_INPUT', async (first) => {
    const result = await dwp.execute(PAGE, { first });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['three values', forgedCursor([at('2024-01-01'), nino(1), 'x'])],
    ['a number for the time', forgedCursor([20240101, nino(1)])],
    ['a date that is not an ISO UTC timestamp', forgedCursor(['2024-01-01', nino(1)])],
    ['a number for the key', forgedCursor([at('2024-01-01'), 1])],
  ])('refuses a cursor holding %s with BAD_USER_INPUT', async (_, after) => {
    const result = await dwp.execute(PAGE, { after });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'after',
    });
  });
});
