import { IDENTITY_SERVICE_REQUEST } from '../../../test/support/callers';
import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { ReadinessItemKind, ReadinessRecord, ReadinessStatus } from '../readiness/readiness.entity';
import { ReferralSource, ReferralStatus } from '../referral/referral.entity';
import { buildVcsWorld, openVcs, uuid } from '../test-fixtures';

const QUERY = `query ($ids: [ID!]!) {
  supportReadiness(ids: $ids) { recordId item status detail recordedBy recordedAt } }`;

interface Fact {
  recordId: string;
  item: string;
  status: string;
  detail: string | null;
  recordedBy: string | null;
  recordedAt: string | null;
}

describe('supportReadiness', () => {
  const world = buildVcsWorld();
  // A sixth record whose one referral was withdrawn, a seventh with no referral at all.
  world.supportRecords.push(
    { ...world.supportRecords[0], id: uuid(306) },
    { ...world.supportRecords[0], id: uuid(307) },
  );
  world.referrals.push({
    id: uuid(410),
    supportRecordId: uuid(306),
    serviceId: uuid(202),
    source: ReferralSource.SELF,
    referredOn: '2024-05-02',
    acceptedOn: '2024-05-03',
    status: ReferralStatus.WITHDRAWN,
  });
  const [first, , third, , fifth] = world.supportRecords.map((r) => r.id);
  const recording = (
    n: number,
    item: ReadinessItemKind,
    status: ReadinessStatus,
    recordedAt: string,
  ): ReadinessRecord => ({
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    supportRecordId: first,
    item,
    status,
    note: `Private note ${n}`,
    recordedBy: `coordinator-${n}`,
    recordedByOrganisation: world.organisations[0].id,
    recordedAt,
  });
  let vcs: SubgraphUnderTest;

  const ask = async (ids: string[]) => {
    const result = await vcs.execute(QUERY, { ids });
    expect(result.errors).toBeUndefined();
    return result.data?.supportReadiness as Fact[];
  };

  beforeAll(async () => {
    vcs = (await openVcs(world)).as(IDENTITY_SERVICE_REQUEST);
    await vcs.database
      .getRepository(ReadinessRecord)
      .insert([
        recording(1, ReadinessItemKind.CV, ReadinessStatus.IN_PROGRESS, '2024-01-15T10:00:00.000Z'),
        recording(2, ReadinessItemKind.CV, ReadinessStatus.COMPLETED, '2024-02-01T10:00:00.000Z'),
        recording(
          3,
          ReadinessItemKind.PHONE,
          ReadinessStatus.IN_PROGRESS,
          '2024-01-20T09:30:00.000Z',
        ),
      ]);
  });
  afterAll(() => vcs.close());

  it("gives a record's whole checklist: the latest recording of each item, never the note", async () => {
    const facts = await ask([first]);
    const none = { recordId: first, status: 'NOT_STARTED', detail: null, recordedBy: null };

    expect(facts).toEqual([
      {
        ...none,
        item: 'CV',
        status: 'COMPLETED',
        recordedBy: 'coordinator-2',
        recordedAt: '2024-02-01T10:00:00.000Z',
      },
      { ...none, item: 'COVERING_LETTER', recordedAt: null },
      { ...none, item: 'DISCLOSURE_LETTER', recordedAt: null },
      { ...none, item: 'EMAIL', recordedAt: null },
      {
        ...none,
        item: 'PHONE',
        status: 'IN_PROGRESS',
        recordedBy: 'coordinator-3',
        recordedAt: '2024-01-20T09:30:00.000Z',
      },
      { ...none, item: 'MENTOR_ASSIGNED', recordedAt: null },
      { ...none, item: 'INTERVIEW_CLOTHING', recordedAt: null },
      {
        ...none,
        item: 'EMPLOYMENT_SERVICE_REFERRAL',
        status: 'COMPLETED',
        recordedAt: '2024-01-12',
      },
    ]);
    expect(JSON.stringify(facts)).not.toContain('Private note');
  });

  it('adds SUPPORT DECLINED when every referral was declined or withdrawn, and only then', async () => {
    const support = (facts: Fact[]) => facts.filter((f) => f.item === 'SUPPORT');
    const all = await ask(world.supportRecords.map((r) => r.id));

    expect(support(all)).toEqual(
      [third, uuid(306)].map((recordId) => ({
        recordId,
        item: 'SUPPORT',
        status: 'COMPLETED',
        detail: 'DECLINED',
        recordedBy: null,
        recordedAt: null,
      })),
    );
    // A record with no referral at all has not declined anything.
    expect((await ask([uuid(307)])).map((f) => f.item)).not.toContain('SUPPORT');
  });

  it('answers only records that exist, each once, by id, in one statement', async () => {
    const facts = await ask([fifth, uuid(999), first.toUpperCase(), first, 'not-an-id']);

    expect(vcs.selects()).toHaveLength(1);
    expect([...new Set(facts.map((f) => f.recordId))]).toEqual([first, fifth]);
    expect(facts).toHaveLength(16);
    expect(
      facts.find((f) => f.recordId === fifth && f.item === 'EMPLOYMENT_SERVICE_REFERRAL'),
    ).toMatchObject({ status: 'COMPLETED', recordedAt: '2024-04-01' });
  });
});
