import { Purpose, Role } from '../lib/auth/roles';
import { buildDemoWorld, charitiesSharing, demoPerson } from '../seed/demo';
import { LinkedRecordKind } from '../subgraphs/identity/person/person-link.entity';
import { type TestHub, backends, redisUrl, startTestHub } from './support/hub';
import { trustDocuments } from './support/trusted-documents';

// What a coordinator and a Jobcentre adviser come for, through the real gateway with real tokens:
// the caseload, a person's readiness for work across the controllers, and the merged timeline.

interface CaseloadNode {
  daysSinceRelease: number | null;
  referral: { service: string; status: string; referredOn: string };
  release: { date: string; expected: boolean; establishment: string } | null;
  person: { id: string };
}

interface Connection<T> {
  totalCount: number;
  unavailableFrom?: string[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
  edges: { node: T }[];
}

type Item = { item: string; status: string; source: string; recordedBy: string | null };
type Event = { id: string; date: string; kind: string; source: string; summary: string };

interface Body {
  data?: {
    myCaseload?: Connection<CaseloadNode>;
    person?: {
      readiness: {
        status: string;
        statusReason: string;
        unavailableFrom: string[];
        items: Item[];
      };
      timeline: Connection<Event>;
    } | null;
  } | null;
  errors?: { message: string; path?: (string | number)[]; extensions: Record<string, unknown> }[];
}

const world = buildDemoWorld();
const person = demoPerson(world);
const [charity] = charitiesSharing(world, person);
const today = new Date().toISOString().slice(0, 10);

type Row = Record<string, string | null>;
const vcs = world.rows.vcs as unknown as Record<string, Row[]>;

/** The caseload worked out from the seed's own rows: open referrals to the charity, no withdrawal. */
function expectedCaseload(organisation: string): Set<string> {
  const services = new Set(
    vcs.CharityService.filter((s) => s.organisationId === organisation).map((s) => s.id),
  );
  const withdrawn = new Set(
    vcs.Consent.filter(
      (c) => c.scope === 'EMPLOYMENT_SUPPORT' && c.withdrawnOn !== null && c.withdrawnOn <= today,
    ).map((c) => c.supportRecordId),
  );
  const records = new Set(
    vcs.SupportRecord.filter((r) => r.organisationId === organisation).map((r) => r.id),
  );
  const open = vcs.Referral.filter(
    (r) =>
      ['PENDING', 'ACTIVE'].includes(r.status as string) &&
      services.has(r.serviceId as string) &&
      records.has(r.supportRecordId as string) &&
      !withdrawn.has(r.supportRecordId as string),
  );
  const personOf = new Map(
    world.people.flatMap((p) =>
      p.records
        .filter((r) => r.recordKind === LinkedRecordKind.VCS_SUPPORT_RECORD)
        .map((r) => [r.recordId, p.id] as const),
    ),
  );
  return new Set(open.map((r) => personOf.get(r.supportRecordId as string) as string));
}

const PAGE = `query ($first: Int!, $after: String, $filter: CaseloadFilter, $order: CaseloadOrder) {
  myCaseload(first: $first, after: $after, filter: $filter, order: $order) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { daysSinceRelease referral { service status referredOn }
      release { date expected establishment } person { id } } } } }`;

const READINESS = `query ($id: ID!) { person(id: $id) { readiness { status statusReason
  releaseWithin12Weeks releaseDate unavailableFrom
  items { item status detail source recordedBy recordedAt } } } }`;

const TIMELINE = `query ($id: ID!, $first: Int!, $after: String) { person(id: $id) {
  timeline(first: $first, after: $after) { totalCount unavailableFrom
    pageInfo { hasNextPage endCursor } edges { node { id date kind source summary } } } } }`;

describe.each(backends())('the coordinator’s and the adviser’s answers (%s)', (backend) => {
  let running: TestHub;
  const coordinator = { organisation: charity, subject: 'coordinator-1' };

  beforeAll(async () => {
    running = await startTestHub(backend);
  }, 180_000);
  afterAll(() => running?.stop());

  const ask = async (
    query: string,
    variables: Record<string, unknown>,
    role: Role,
    options: Parameters<TestHub['ask']>[3] = {},
  ) => (await running.ask(query, variables, role, options)).body as Body;

  async function wholeCaseload(variables: Record<string, unknown> = {}) {
    const nodes: CaseloadNode[] = [];
    let after: string | null = null;
    let total = -1;
    do {
      const body = await ask(
        PAGE,
        { first: 7, after, ...variables },
        Role.COORDINATOR,
        coordinator,
      );
      expect(body.errors).toBeUndefined();
      const page = body.data?.myCaseload as Connection<CaseloadNode>;
      total = page.totalCount;
      nodes.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(nodes).toHaveLength(total);
    return nodes;
  }

  it('lists exactly the people with an open referral to the charity, nearest release first', async () => {
    const nodes = await wholeCaseload();
    const ids = nodes.map((node) => node.person.id);
    expect(new Set(ids)).toEqual(expectedCaseload(charity));
    expect(new Set(ids).size).toBe(ids.length);
    const distances = nodes.map((n) =>
      n.daysSinceRelease === null ? Infinity : Math.abs(n.daysSinceRelease),
    );
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const node of nodes) {
      expect(['PENDING', 'ACTIVE']).toContain(node.referral.status);
      if (node.release) expect(node.release.establishment).toMatch(/^HMP|^HMYOI|\w/);
    }
  });

  it('filters by service, status and release window, and sorts by release date', async () => {
    const all = await wholeCaseload();
    const service = all[0].referral.service;
    const byService = await wholeCaseload({ filter: { service } });
    expect(byService.length).toBeGreaterThan(0);
    expect(byService.every((n) => n.referral.service === service)).toBe(true);
    const pending = await wholeCaseload({ filter: { status: 'PENDING' } });
    expect(pending.every((n) => n.referral.status === 'PENDING')).toBe(true);
    const window = { releaseFrom: '2025-01-01', releaseTo: '2026-06-30' };
    const released = await wholeCaseload({ filter: window });
    const inWindow = (n: CaseloadNode) =>
      !!n.release && n.release.date >= '2025-01-01' && n.release.date <= '2026-06-30';
    expect(released.length).toBeGreaterThan(0);
    expect(released.every(inWindow)).toBe(true);
    expect(released.length).toBe(all.filter(inWindow).length);
    const byDate = await wholeCaseload({ order: 'RELEASE_DATE' });
    const dates = byDate.map((n) => n.release?.date ?? '9999-12-31');
    expect(dates).toEqual([...dates].sort());
  });

  it('refuses a bad page size or cursor with a clear error, and the caseload to other roles', async () => {
    const tooMany = await ask(PAGE, { first: 101 }, Role.COORDINATOR, coordinator);
    expect(tooMany.errors?.[0]).toMatchObject({
      message: 'first must be a whole number from 1 to 100.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const forged = await ask(PAGE, { first: 5, after: 'abc' }, Role.COORDINATOR, coordinator);
    expect(forged.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const adviser = await ask(PAGE, { first: 5 }, Role.JOBCENTRE_ADVISER, {
      purposes: [Purpose.EMPLOYMENT_SUPPORT],
    });
    expect(adviser.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(adviser.data?.myCaseload ?? null).toBeNull();
  });

  it('gives the readiness checklist from every controller, with the status and why', async () => {
    const body = await ask(READINESS, { id: person.id }, Role.COORDINATOR, coordinator);
    expect(body.errors).toBeUndefined();
    const readiness = body.data?.person?.readiness as NonNullable<
      NonNullable<Body['data']>['person']
    >['readiness'];
    expect(readiness.items.map((i: { item: string }) => i.item)).toEqual([
      'ID',
      'BANK_ACCOUNT',
      'CV',
      'COVERING_LETTER',
      'DISCLOSURE_LETTER',
      'EMAIL',
      'PHONE',
      'HOUSING_ON_RELEASE',
      'UC_CLAIM',
      'EMPLOYMENT_SERVICE_REFERRAL',
      'MENTOR_ASSIGNED',
      'INTERVIEW_CLOTHING',
    ]);
    const sources = Object.fromEntries(
      readiness.items.map((i: { item: string; source: string }) => [i.item, i.source]),
    );
    expect(sources).toMatchObject({
      ID: 'MOJ',
      HOUSING_ON_RELEASE: 'MOJ',
      UC_CLAIM: 'DWP',
      CV: 'VCS',
    });
    expect(readiness.unavailableFrom).toEqual([]);
    expect(['SUPPORT_NEEDED', 'READY_TO_WORK', 'SUPPORT_DECLINED', 'NO_RIGHT_TO_WORK']).toContain(
      readiness.status,
    );
    expect(readiness.statusReason).toMatch(/\.$/);
  });

  it('shows a coordinator’s recording in the checklist, from the next request', async () => {
    const supportRecord = person.records.find(
      (r) =>
        r.recordKind === LinkedRecordKind.VCS_SUPPORT_RECORD &&
        vcs.SupportRecord.some((s) => s.id === r.recordId && s.organisationId === charity),
    )?.recordId;
    const recorded = await ask(
      `mutation ($id: ID!) { recordReadiness(supportRecordId: $id, item: INTERVIEW_CLOTHING,
        status: COMPLETED) { item status } }`,
      { id: supportRecord },
      Role.COORDINATOR,
      coordinator,
    );
    expect(recorded.errors).toBeUndefined();
    const body = await ask(READINESS, { id: person.id }, Role.COORDINATOR, coordinator);
    const clothing = body.data?.person?.readiness.items.find(
      (i: { item: string }) => i.item === 'INTERVIEW_CLOTHING',
    );
    expect(clothing).toMatchObject({
      status: 'COMPLETED',
      source: 'VCS',
      recordedBy: 'coordinator-1',
    });
  });

  it('merges every controller’s events into one dated timeline, paged in order', async () => {
    const events: Event[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const body = await ask(
        TIMELINE,
        { id: person.id, first: 9, after },
        Role.COORDINATOR,
        coordinator,
      );
      expect(body.errors).toBeUndefined();
      const timeline = body.data?.person?.timeline as Connection<Event>;
      total = timeline.totalCount;
      expect(timeline.unavailableFrom).toEqual([]);
      events.push(...timeline.edges.map((edge) => edge.node));
      after = timeline.pageInfo.hasNextPage ? timeline.pageInfo.endCursor : null;
    } while (after);
    expect(events).toHaveLength(total);
    const dates = events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.source))).toEqual(new Set(['MOJ', 'DWP', 'VCS']));
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['RECEPTION', 'REFERRAL']));
  });

  it('shows an adviser the timeline without the charity’s casework', async () => {
    const asAdviser = await ask(TIMELINE, { id: person.id, first: 100 }, Role.JOBCENTRE_ADVISER, {
      purposes: [Purpose.EMPLOYMENT_SUPPORT],
    });
    const asCoordinator = await ask(
      TIMELINE,
      { id: person.id, first: 100 },
      Role.COORDINATOR,
      coordinator,
    );
    const kinds = (body: Body) =>
      body.data?.person?.timeline.edges.map(
        (e: { node: { kind: string } }) => e.node.kind,
      ) as string[];
    expect(asAdviser.errors).toBeUndefined();
    expect(kinds(asAdviser)).not.toContain('ENGAGEMENT');
    const casework = kinds(asCoordinator).filter(
      (k) => k === 'ENGAGEMENT' || k === 'CONSENT_WITHDRAWN',
    );
    expect(kinds(asAdviser).length).toBe(kinds(asCoordinator).length - casework.length);
  });

  // Reporting tools send only registered documents: register this one, as an operator would.
  (redisUrl ? it : it.skip)('gives reporting tools no person-level view', async () => {
    const documents = await trustDocuments(running);
    try {
      await documents?.trust(READINESS);
      const body = await ask(READINESS, { id: person.id }, Role.REPORTING);
      expect(body.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(JSON.stringify(body)).not.toContain('items');
    } finally {
      await documents?.stop();
    }
  });

  // Last: it stops a service.
  it('degrades when DWP is down: other controllers answer, the status says it cannot', async () => {
    const port = await running.hub.stopService('dwp');
    try {
      const body = await ask(READINESS, { id: person.id }, Role.COORDINATOR, coordinator);
      const readiness = body.data?.person?.readiness;
      expect(readiness?.unavailableFrom).toEqual(['DWP']);
      expect(readiness?.status).toBeNull();
      expect(readiness?.items).toHaveLength(12);
      expect(readiness?.items.find((i) => i.item === 'UC_CLAIM')?.status).toBe('NOT_STARTED');
      expect(body.errors?.map((e) => [e.path?.join('.'), e.extensions.code])).toEqual([
        ['person.readiness.status', 'UPSTREAM_UNAVAILABLE'],
        ['person.readiness.statusReason', 'UPSTREAM_UNAVAILABLE'],
      ]);
      const timeline = await ask(
        TIMELINE,
        { id: person.id, first: 100 },
        Role.COORDINATOR,
        coordinator,
      );
      expect(timeline.data?.person?.timeline.unavailableFrom).toEqual(['DWP']);
      const sources = timeline.data?.person?.timeline.edges.map((e) => e.node.source);
      expect(new Set(sources)).toEqual(new Set(['MOJ', 'VCS']));
    } finally {
      await running.hub.startService('dwp', port);
    }
    const recovered = await ask(READINESS, { id: person.id }, Role.COORDINATOR, coordinator);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data?.person?.readiness.unavailableFrom).toEqual([]);
  });
});
