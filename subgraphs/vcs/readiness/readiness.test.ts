import type { ExecutionResult } from 'graphql';
import { Purpose, Role } from '../../../lib/auth/roles';
import { requestAs } from '../../../test/support/callers';
import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { ReferralSource, ReferralStatus } from '../referral/referral.entity';
import { buildVcsWorld, openVcs, readsFrom, uuid } from '../test-fixtures';
import { timeOrderedId } from './readiness';
import { READINESS_ITEMS, ReadinessRecord } from './readiness.entity';

const RECORD = `mutation ($id: ID!, $item: ReadinessItemKind!, $status: ReadinessStatus!,
  $note: String) {
  recordReadiness(supportRecordId: $id, item: $item, status: $status, note: $note) {
    supportRecordId item status source recordedBy recordedAt note } }`;

const READINESS = `query ($id: ID!) { supportRecord(id: $id) {
  readiness { supportRecordId item status source recordedBy recordedAt note } } }`;

interface Item {
  supportRecordId: string;
  item: string;
  status: string;
  source: string;
  recordedBy: string | null;
  recordedAt: string | null;
  note: string | null;
}

const errorOf = (result: ExecutionResult) => ({
  message: result.errors?.[0]?.message,
  ...result.errors?.[0]?.extensions,
});

describe('readiness for work, as a charity records it', () => {
  const world = buildVcsWorld();
  // A sixth record whose only referral is still pending: its referral item is in progress.
  const pendingOnly = { ...world.supportRecords[0], id: uuid(306), givenName: 'Given6' };
  world.supportRecords.push(pendingOnly);
  world.referrals.push({
    id: uuid(410),
    supportRecordId: pendingOnly.id,
    serviceId: uuid(201),
    source: ReferralSource.SELF,
    referredOn: '2024-05-02',
    acceptedOn: null,
    status: ReferralStatus.PENDING,
  });
  const [working, bounce] = world.organisations.map((o) => o.id);
  // Records 1, 3 and 5 (and 6) are Working Chance's; 2 and 4 are Bounce Back's.
  const [first, second, third, fourth] = world.supportRecords.map((r) => r.id);
  const coordinatorOf = (organisation: string, subject = 'coordinator-a') =>
    requestAs(Role.COORDINATOR, Purpose.EMPLOYMENT_SUPPORT, organisation, subject);
  let vcs: SubgraphUnderTest;
  let coordinator: SubgraphUnderTest;

  const readinessOf = async (id: string, as = coordinator) => {
    const result = await as.execute(READINESS, { id });
    expect(result.errors).toBeUndefined();
    return (result.data?.supportRecord as { readiness: Item[] }).readiness;
  };
  const rowCount = () => vcs.database.getRepository(ReadinessRecord).count();
  /** Every statement the last `execute` sent, as the subgraph's statement log holds them. */
  const statements = () => (vcs.database.logger as unknown as { statements: string[] }).statements;

  beforeAll(async () => {
    vcs = await openVcs(world);
    coordinator = vcs.as(coordinatorOf(working));
  });
  afterAll(() => vcs.close());

  it('lists every item, in a fixed order, NOT_STARTED until recorded', async () => {
    const items = await readinessOf(fourth, vcs.as(coordinatorOf(bounce)));

    expect(items.map((i) => i.item)).toEqual([
      'CV',
      'COVERING_LETTER',
      'DISCLOSURE_LETTER',
      'EMAIL',
      'PHONE',
      'MENTOR_ASSIGNED',
      'INTERVIEW_CLOTHING',
      'EMPLOYMENT_SERVICE_REFERRAL',
    ]);
    expect(items.map((i) => i.item)).toEqual(READINESS_ITEMS);
    for (const item of items.slice(0, -1)) {
      expect(item).toEqual({
        supportRecordId: fourth,
        item: item.item,
        status: 'NOT_STARTED',
        source: 'VCS',
        recordedBy: null,
        recordedAt: null,
        note: null,
      });
    }
  });

  it.each([
    [
      'an active or completed referral: COMPLETED, since the first was accepted',
      0,
      'COMPLETED',
      '2024-01-12',
    ],
    ['one active among pending: COMPLETED', 4, 'COMPLETED', '2024-04-01'],
    ['only a pending referral: IN_PROGRESS, since it was made', 5, 'IN_PROGRESS', '2024-05-02'],
    ['only a declined referral: NOT_STARTED', 2, 'NOT_STARTED', null],
  ])('derives the referral item from referrals (%s)', async (_name, n, status, recordedAt) => {
    const id = world.supportRecords[n].id;
    const items = await readinessOf(id, vcs);

    expect(items.find((i) => i.item === 'EMPLOYMENT_SERVICE_REFERRAL')).toEqual({
      supportRecordId: id,
      item: 'EMPLOYMENT_SERVICE_REFERRAL',
      status,
      source: 'VCS',
      recordedBy: null,
      recordedAt,
      note: null,
    });
  });

  it('records an item in one INSERT, and reads back the latest while keeping the history', async () => {
    const started = await coordinator.execute(RECORD, {
      id: third.toUpperCase(),
      item: 'CV',
      status: 'IN_PROGRESS',
      note: '  Drafting it with a mentor.  ',
    });
    const writes = statements().filter((sql) => !/^\s*SELECT/i.test(sql));
    const done = await vcs
      .as(coordinatorOf(working, 'coordinator-b'))
      .execute(RECORD, { id: third, item: 'CV', status: 'COMPLETED' });
    const phone = await coordinator.execute(RECORD, {
      id: third,
      item: 'PHONE',
      status: 'COMPLETED',
      note: '   ',
    });

    expect(started.errors).toBeUndefined();
    expect(started.data?.recordReadiness).toEqual({
      supportRecordId: third,
      item: 'CV',
      status: 'IN_PROGRESS',
      source: 'VCS',
      recordedBy: 'coordinator-a',
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      note: 'Drafting it with a mentor.',
    });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^INSERT INTO "readiness_record"/);
    expect(done.errors).toBeUndefined();
    expect(phone.errors).toBeUndefined();

    const items = await readinessOf(third);
    const cv = items.find((i) => i.item === 'CV');
    expect(cv).toEqual({ ...(done.data?.recordReadiness as Item), recordedBy: 'coordinator-b' });
    expect(cv?.note).toBeNull();
    expect(items.find((i) => i.item === 'PHONE')).toMatchObject({
      status: 'COMPLETED',
      note: null,
    });
    expect(items.find((i) => i.item === 'EMAIL')).toMatchObject({ status: 'NOT_STARTED' });

    const history = await vcs.database
      .getRepository(ReadinessRecord)
      .find({ where: { supportRecordId: third, item: 'CV' as never }, order: { id: 'ASC' } });
    expect(history.map((row) => [row.status, row.recordedBy, row.recordedByOrganisation])).toEqual([
      ['IN_PROGRESS', 'coordinator-a', working],
      ['COMPLETED', 'coordinator-b', working],
    ]);
  });

  it('takes the later of two recordings made in the same millisecond', async () => {
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      for (const status of ['COMPLETED', 'IN_PROGRESS', 'NOT_STARTED', 'IN_PROGRESS']) {
        const result = await coordinator.execute(RECORD, { id: first, item: 'EMAIL', status });
        expect(result.errors).toBeUndefined();
      }
    } finally {
      jest.restoreAllMocks();
    }

    expect((await readinessOf(first)).find((i) => i.item === 'EMAIL')?.status).toBe('IN_PROGRESS');
  });

  it('makes ids that sort in the order they were made, within one millisecond too', () => {
    const ids = Array.from({ length: 5 }, () => timeOrderedId(1_700_000_000_000).id);

    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/);
  });

  it.each([
    [
      'a malformed support record id',
      { id: 'not-a-uuid', item: 'CV', status: 'COMPLETED' },
      { code: 'BAD_USER_INPUT', argument: 'supportRecordId' },
      /supportRecordId must be a hub id/,
    ],
    [
      'an unknown support record',
      { id: uuid(999999), item: 'CV', status: 'COMPLETED' },
      { code: 'NOT_FOUND' },
      /No support record has that id/,
    ],
    [
      'the derived referral item',
      { id: first, item: 'EMPLOYMENT_SERVICE_REFERRAL', status: 'COMPLETED' },
      { code: 'BAD_USER_INPUT', argument: 'item' },
      /derived from referrals/,
    ],
    [
      'a note over 500 characters',
      { id: first, item: 'CV', status: 'COMPLETED', note: 'x'.repeat(501) },
      { code: 'BAD_USER_INPUT', argument: 'note' },
      /at most 500 characters/,
    ],
  ])('refuses %s, and writes nothing', async (_name, variables, extensions, message) => {
    const before = await rowCount();
    const result = await coordinator.execute(RECORD, variables);

    expect(result.data?.recordReadiness ?? null).toBeNull();
    expect(errorOf(result)).toMatchObject(extensions);
    expect(errorOf(result).message).toMatch(message);
    expect(await rowCount()).toBe(before);
  });

  it('takes a note of 500 characters once trimmed', async () => {
    const note = 'y'.repeat(500);
    const result = await coordinator.execute(RECORD, {
      id: first,
      item: 'DISCLOSURE_LETTER',
      status: 'IN_PROGRESS',
      note: `  ${note}\n`,
    });

    expect(result.errors).toBeUndefined();
    expect(result.data?.recordReadiness).toMatchObject({ note });
  });

  it("refuses a coordinator another organisation's support record, and writes nothing", async () => {
    const before = await rowCount();
    const result = await vcs
      .as(coordinatorOf(bounce))
      .execute(RECORD, { id: first, item: 'CV', status: 'COMPLETED' });

    expect(result.data?.recordReadiness ?? null).toBeNull();
    expect(errorOf(result)).toEqual({
      code: 'FORBIDDEN',
      message: "You may record readiness only on your own organisation's support records.",
    });
    expect(await rowCount()).toBe(before);
  });

  it.each([
    ['a Jobcentre adviser', requestAs(Role.JOBCENTRE_ADVISER, Purpose.EMPLOYMENT_SUPPORT, working)],
    [
      'a steward answering a subject-access request',
      requestAs(Role.DATA_STEWARD, Purpose.SUBJECT_ACCESS, working),
    ],
    ['a coordinator with no purpose declared', requestAs(Role.COORDINATOR, null, working)],
  ])('refuses %s, and writes nothing', async (_name, request) => {
    const before = await rowCount();
    const result = await vcs
      .as(request)
      .execute(RECORD, { id: first, item: 'CV', status: 'COMPLETED' });

    expect(result.data?.recordReadiness ?? null).toBeNull();
    expect(errorOf(result)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rowCount()).toBe(before);
  });

  it('shows a Jobcentre adviser where each item stands, but not the notes', async () => {
    await coordinator.execute(RECORD, {
      id: first,
      item: 'MENTOR_ASSIGNED',
      status: 'COMPLETED',
      note: 'Mentor meets them at the gate.',
    });
    const result = await vcs
      .as(requestAs(Role.JOBCENTRE_ADVISER, Purpose.EMPLOYMENT_SUPPORT))
      .execute(READINESS, { id: first });
    const items = (result.data?.supportRecord as { readiness: Item[] }).readiness;

    expect(items.find((i) => i.item === 'MENTOR_ASSIGNED')).toMatchObject({
      status: 'COMPLETED',
      recordedBy: 'coordinator-a',
      note: null,
    });
    expect(JSON.stringify(result)).not.toContain('Mentor meets them');
    expect(result.errors?.length).toBe(READINESS_ITEMS.length);
    for (const error of result.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'ReadinessItem.note' });
    }
  });

  it("shows another charity's coordinator where each item stands, but not its notes", async () => {
    await coordinator.execute(RECORD, {
      id: first,
      item: 'PHONE',
      status: 'IN_PROGRESS',
      note: 'Phone ordered for release day.',
    });
    const result = await vcs.as(coordinatorOf(bounce)).execute(READINESS, { id: first });
    const items = (result.data?.supportRecord as { readiness: Item[] }).readiness;

    expect(items.find((i) => i.item === 'PHONE')).toMatchObject({
      status: 'IN_PROGRESS',
      note: null,
    });
    expect(JSON.stringify(result)).not.toContain('Phone ordered');
    expect(result.errors?.[0].message).toBe(
      "You may not see ReadinessItem.note: another organisation's notes are not shared.",
    );
  });

  it('reads the readiness of a page of support records in one more statement', async () => {
    const page = (fields: string) =>
      vcs.execute(`{ supportRecords(first: 10) { edges { node { id ${fields} } } } }`);

    await page('');
    const without = vcs.selects().length;
    const result = await page('readiness { item status recordedBy recordedAt note }');
    const withReadiness = vcs.selects();
    await page('referrals { id } readiness { item status }');

    expect(result.errors).toBeUndefined();
    const nodes = (
      result.data?.supportRecords as { edges: { node: { id: string; readiness: Item[] } }[] }
    ).edges.map((e) => e.node);
    expect(nodes).toHaveLength(world.supportRecords.length);
    for (const node of nodes) expect(node.readiness).toHaveLength(READINESS_ITEMS.length);
    expect(nodes.find((n) => n.id === second)?.readiness[7]).toMatchObject({
      status: 'COMPLETED',
      recordedAt: '2024-02-02',
    });
    expect(withReadiness).toHaveLength(without + 1);
    expect(readsFrom(withReadiness, 'readiness_record')).toBe(1);
    // The referral item is derived in the same statement, not by the referrals' own.
    expect(vcs.selects()).toHaveLength(without + 2);
  });
});
