import { Purpose, Role } from '../../../lib/auth/roles';
import { IDENTITY_SERVICE_REQUEST, requestAs } from '../../../test/support/callers';
import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { buildVcsWorld, openVcs, uuid } from '../test-fixtures';
// After the fixtures, which load reflect-metadata first.
import { MAX_FACT_KEYS } from '../../../lib/person-facts';

const BY_IDS = {
  supportReadiness: `query ($ids: [ID!]!) { supportReadiness(ids: $ids) { recordId item } }`,
  supportTimeline: `query ($ids: [ID!]!) { supportTimeline(ids: $ids) { id } }`,
};
const CASELOAD = `query ($organisation: ID!) {
  caseloadReferrals(organisation: $organisation) { referralId } }`;

describe('the person facts the identity service asks vcs for', () => {
  const world = buildVcsWorld();
  const [working] = world.organisations.map((o) => o.id);
  let vcs: SubgraphUnderTest;

  beforeAll(async () => {
    vcs = (await openVcs(world)).as(IDENTITY_SERVICE_REQUEST);
  });
  afterAll(() => vcs.close());

  describe.each(Object.entries(BY_IDS))('%s', (field, query) => {
    it('answers an empty list without touching the database', async () => {
      const result = await vcs.execute(query, { ids: [] });

      expect(result).toEqual({ data: { [field]: [] } });
      expect(vcs.selects()).toEqual([]);
    });

    it('answers MAX_FACT_KEYS ids in one statement, and refuses one more', async () => {
      const ids = Array.from({ length: MAX_FACT_KEYS }, (_, n) => uuid(100_000 + n));
      ids[0] = world.supportRecords[0].id;
      const most = await vcs.execute(query, { ids });
      const selects = vcs.selects();
      const tooMany = await vcs.execute(query, { ids: [...ids, uuid(1)] });

      expect(most.errors).toBeUndefined();
      expect((most.data?.[field] as unknown[]).length).toBeGreaterThan(0);
      expect(selects).toHaveLength(1);
      expect(tooMany.data).toBeNull();
      expect(tooMany.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'ids',
      });
      expect(vcs.selects()).toEqual([]);
    });
  });

  it("reads each record's rows once for the facts and the records of one gateway request", async () => {
    const ids = world.supportRecords.map((r) => r.id);
    const nonce = `nonce-${Date.now()}`;
    const identity = { ...IDENTITY_SERVICE_REQUEST, nonce };
    const coordinator = {
      ...requestAs(Role.COORDINATOR, Purpose.EMPLOYMENT_SUPPORT, working),
      nonce,
    };
    const entities = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on SupportRecord {
      id organisation { name } referrals { status service { kind name } }
      outcomes { kind employer { name } } engagements { kind } consents { scope }
      readiness { item status } } } }`;
    const calls: [string, Record<string, unknown>, typeof identity][] = [
      [BY_IDS.supportReadiness, { ids }, identity],
      [BY_IDS.supportTimeline, { ids }, identity],
      [entities, { r: ids.map((id) => ({ __typename: 'SupportRecord', id })) }, coordinator],
    ];
    const selects: number[] = [];
    for (const [query, variables, request] of calls) {
      const result = await vcs.execute(query, variables, request);
      expect(result.errors).toBeUndefined();
      selects.push(vcs.selects().length);
    }

    expect(selects).toEqual([1, 0, 0]);
  });

  it.each([
    ['supportReadiness', BY_IDS.supportReadiness, { ids: [uuid(301)] }],
    ['supportTimeline', BY_IDS.supportTimeline, { ids: [uuid(301)] }],
    ['caseloadReferrals', CASELOAD, { organisation: working }],
  ])('refuses %s to anyone but the identity service', async (field, query, variables) => {
    for (const request of [
      requestAs(Role.COORDINATOR, Purpose.EMPLOYMENT_SUPPORT, working),
      requestAs(Role.DATA_STEWARD, Purpose.SUBJECT_ACCESS),
    ]) {
      const result = await vcs.execute(query, variables, request);

      expect(result.data?.[field] ?? null).toBeNull();
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
