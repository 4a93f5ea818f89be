import 'reflect-metadata';
import { Purpose, Role } from '../../../lib/auth/roles';
import { MAX_FACT_KEYS } from '../../../lib/person-facts';
import { IDENTITY_SERVICE_REQUEST, requestAs } from '../../../test/support/callers';
import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { openMoj, prisoners, probationCases } from '../testing/fixtures';

const prisonNumbers = prisoners.map((p) => p.prisonNumber);
const crns = probationCases.map((c) => c.crn);

/** Each root, what it takes, a selection, and the fixture keys it has facts for. */
const ROOTS = [
  ['prisonReadiness', 'prisonNumbers', 'recordId item status', prisonNumbers],
  ['probationReadiness', 'crns', 'recordId item status', crns],
  ['custodyReleases', 'prisonNumbers', 'prisonNumber releaseDate', prisonNumbers],
  ['prisonTimeline', 'prisonNumbers', 'id recordId kind date summary', prisonNumbers],
] as const;

/** `known` padded with keys nobody holds, to `count` in all. */
const keys = (known: readonly string[], count: number) => [
  ...known,
  ...Array.from({ length: count - known.length }, (_, i) => `Z${String(i).padStart(6, '0')}`),
];

describe.each(ROOTS)('%s', (root, argument, selection, known) => {
  const query = `query ($keys: [String!]!) { ${root}(${argument}: $keys) { ${selection} } }`;
  let moj: SubgraphUnderTest;

  beforeAll(async () => {
    moj = (await openMoj()).as(IDENTITY_SERVICE_REQUEST);
  });
  afterAll(() => moj.close());

  it(`answers ${MAX_FACT_KEYS} keys in one statement, the same as for the known ones`, async () => {
    const few = await moj.execute(query, { keys: known });
    const many = await moj.execute(query, { keys: keys(known, MAX_FACT_KEYS) });

    expect(moj.selects()).toHaveLength(1);
    expect(many.errors).toBeUndefined();
    expect((few.data?.[root] as unknown[]).length).toBeGreaterThan(0);
    expect(many.data).toEqual(few.data);
  });

  it('answers an empty list with nothing, without asking the database', async () => {
    const result = await moj.execute(query, { keys: [] });

    expect(result).toEqual({ data: { [root]: [] } });
    expect(moj.selects()).toEqual([]);
  });

  it(`refuses more than ${MAX_FACT_KEYS} keys with BAD_USER_INPUT`, async () => {
    const result = await moj.execute(query, { keys: keys(known, MAX_FACT_KEYS + 1) });

    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(moj.selects()).toEqual([]);
  });

  it('is for the identity service alone', async () => {
    const coordinator = requestAs(Role.COORDINATOR, Purpose.EMPLOYMENT_SUPPORT);
    const steward = requestAs(Role.DATA_STEWARD, Purpose.SUBJECT_ACCESS);

    for (const request of [coordinator, steward]) {
      const result = await moj.execute(query, { keys: known }, request);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(result.data).toBeNull();
    }
  });
});
