import type { DataSource } from 'typeorm';
import { AuditEntry } from '../lib/audit/audit-entry.entity';
import { Purpose, Role } from '../lib/auth/roles';
import { closeDatabase, openDatabase } from '../lib/database';
import { buildDemoWorld, charitiesSharing, demoPerson } from '../seed/demo';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { RECORDED_ITEMS, ReadinessRecord } from '../subgraphs/vcs/readiness/readiness.entity';
import { type TestHub, backends, startTestHub } from './support/hub';

// A coordinator records a readiness-for-work item through the real gateway with real tokens, and
// the people who may see it read it back: all of it for the coordinator, no notes for an adviser.

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions: Record<string, unknown> }[];
}

const world = buildDemoWorld();
const person = demoPerson(world);
const [charity] = charitiesSharing(world, person);
const otherCharity = (world.rows.vcs.Organisation as { id: string }[])
  .map((o) => o.id)
  .find((id) => !charitiesSharing(world, person).includes(id)) as string;
const supportRecord = (world.rows.vcs.SupportRecord as { id: string; organisationId: string }[])
  .filter((r) => person.records.some((linked) => linked.recordId === r.id))
  .find((r) => r.organisationId === charity)?.id as string;
/** What the seed recorded on that support record, each item's recordings oldest first. */
const seeded = (
  world.rows.vcs.ReadinessRecord as { supportRecordId: string; item: string; status: string }[]
).filter((row) => row.supportRecordId === supportRecord);
const neverRecorded = RECORDED_ITEMS.find((item) => !seeded.some((row) => row.item === item));

const RECORD = `mutation ($id: ID!, $item: ReadinessItemKind!, $status: ReadinessStatus!,
  $note: String) {
  recordReadiness(supportRecordId: $id, item: $item, status: $status, note: $note) {
    item status recordedBy note } }`;
const READ = `query ($id: ID!) { person(id: $id) { supportRecords { id
  readiness { item status recordedBy note } } } }`;

describe.each(backends())('readiness for work, through the gateway (%s)', (backend) => {
  let running: TestHub;
  let vcs: DataSource;

  beforeAll(async () => {
    running = await startTestHub(backend);
    vcs = await openDatabase(createVcsDatabase(running.settings('vcs')));
  });
  afterAll(async () => {
    if (vcs) await closeDatabase(vcs);
    await running?.stop();
  });

  const ask = async (...args: Parameters<TestHub['ask']>): Promise<Body> => {
    const { status, body } = await running.ask(...args);
    expect(status).toBe(200);
    return body as Body;
  };
  const rows = () => vcs.getRepository(ReadinessRecord).countBy({ supportRecordId: supportRecord });
  const readinessIn = (body: Body) =>
    (
      body.data?.person as { supportRecords: { id: string; readiness: unknown[] }[] }
    ).supportRecords.find((r) => r.id === supportRecord)?.readiness as {
      item: string;
      status: string;
      recordedBy: string | null;
      note: string | null;
    }[];

  it('a coordinator records CV COMPLETED and reads it back; an adviser sees it, not the note', async () => {
    expect(supportRecord).toBeDefined();
    const coordinator = { organisation: charity, subject: 'coordinator-ready' };

    const recorded = await ask(
      RECORD,
      {
        id: supportRecord,
        item: 'CV',
        status: 'COMPLETED',
        note: 'Two-page CV, disclosure ready.',
      },
      Role.COORDINATOR,
      coordinator,
    );
    const read = await ask(READ, { id: person.id }, Role.COORDINATOR, coordinator);
    const adviser = await ask(READ, { id: person.id }, Role.JOBCENTRE_ADVISER, {
      purposes: [Purpose.EMPLOYMENT_SUPPORT],
    });

    expect(recorded).toEqual({
      data: {
        recordReadiness: {
          item: 'CV',
          status: 'COMPLETED',
          recordedBy: 'coordinator-ready',
          note: 'Two-page CV, disclosure ready.',
        },
      },
    });
    expect(read.errors).toBeUndefined();
    const items = readinessIn(read);
    expect(items).toHaveLength(8);
    expect(items[0]).toEqual({
      item: 'CV',
      status: 'COMPLETED',
      recordedBy: 'coordinator-ready',
      note: 'Two-page CV, disclosure ready.',
    });
    expect(neverRecorded).toBeDefined();
    expect(items.find((i) => i.item === neverRecorded)).toMatchObject({ status: 'NOT_STARTED' });
    // The demo data's own recordings show too: the latest of each item counts.
    const latestSeeded = seeded.filter((row) => row.item !== 'CV').at(-1);
    expect(latestSeeded).toBeDefined();
    expect(items.find((i) => i.item === latestSeeded?.item)).toMatchObject({
      status: latestSeeded?.status,
    });

    expect(readinessIn(adviser)[0]).toEqual({
      item: 'CV',
      status: 'COMPLETED',
      recordedBy: 'coordinator-ready',
      note: null,
    });
    expect(JSON.stringify(adviser)).not.toContain('disclosure ready');
    expect(adviser.errors?.length).toBeGreaterThan(0);
    for (const error of adviser.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'ReadinessItem.note' });
    }

    // The write and each read of it are in vcs's audit, under the readers' names.
    const audited = await vcs.getRepository(AuditEntry).findBy({ entityType: 'ReadinessItem' });
    const readers = new Set(audited.map((entry) => entry.subject));
    expect(readers).toEqual(new Set(['coordinator-ready', 'dev-jobcentre_adviser']));
    expect(audited.flatMap((entry) => entry.entityKeys)).toContain(`${supportRecord}:CV`);
  });

  it('refuses an adviser the mutation, and writes nothing', async () => {
    const before = await rows();
    const body = await ask(
      RECORD,
      { id: supportRecord, item: 'PHONE', status: 'COMPLETED' },
      Role.JOBCENTRE_ADVISER,
      { organisation: charity, purposes: [Purpose.EMPLOYMENT_SUPPORT] },
    );

    expect(body.data?.recordReadiness ?? null).toBeNull();
    expect(body.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'Mutation.recordReadiness',
    });
    expect(await rows()).toBe(before);
  });

  it("gives another charity's coordinator nothing to write to: the record is not theirs to find", async () => {
    const before = await rows();
    const variables = { item: 'PHONE', status: 'COMPLETED' };
    const outside = await ask(RECORD, { ...variables, id: supportRecord }, Role.COORDINATOR, {
      organisation: otherCharity,
    });
    const unknown = await ask(
      RECORD,
      { ...variables, id: '00000000-0000-4000-8000-000000000000' },
      Role.COORDINATOR,
      { organisation: otherCharity },
    );

    expect(outside.data?.recordReadiness ?? null).toBeNull();
    // Out of scope looks like absent (an in-scope record of another charity is FORBIDDEN: see
    // subgraphs/vcs/readiness/readiness.test.ts).
    expect(outside.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    expect(outside).toEqual(unknown);
    expect(await rows()).toBe(before);
  });
});
