import { Purpose, Role } from '../lib/auth/roles';
import { closeDatabase, openDatabase } from '../lib/database';
import { type DemoPerson, buildDemoWorld, charitiesSharing, demoPerson } from '../seed/demo';
import { createIdentityDatabase } from '../subgraphs/identity/database';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { type TestHub, backends, startTestHub } from './support/hub';

// Whose records a caller sees at all, through the real gateway with real tokens: a coordinator's
// caseload, consent withdrawn, and people restricted to named users.

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

const world = buildDemoWorld();
const person = demoPerson(world);
const [charity] = charitiesSharing(world, person);
const otherCharity = (world.rows.vcs.Organisation as { id: string }[])
  .map((o) => o.id)
  .find((id) => !charitiesSharing(world, person).includes(id)) as string;
const recordOf = (who: DemoPerson, kind: string) =>
  who.records.find((r) => r.recordKind === kind)?.recordId as string;

/** Each way into one person's records, with a key that exists and one that does not. */
const ROOTS = [
  {
    name: 'person',
    query: 'query ($k: ID!) { person(id: $k) { givenName } }',
    key: person.id,
    unknown: '00000000-0000-4000-8000-000000000000',
  },
  {
    name: 'claimant',
    query: 'query ($k: String!) { claimant(nino: $k) { givenName } }',
    key: recordOf(person, 'DWP_CLAIMANT'),
    unknown: 'ZZ000000A',
  },
  {
    name: 'prisoner',
    query: 'query ($k: String!) { prisoner(prisonNumber: $k) { givenName } }',
    key: recordOf(person, 'MOJ_PRISONER'),
    unknown: 'Z0000ZZ',
  },
  {
    name: 'probationCase',
    query: 'query ($k: String!) { probationCase(crn: $k) { givenName } }',
    key: recordOf(person, 'MOJ_PROBATION_CASE'),
    unknown: 'Z000000',
  },
  {
    name: 'supportRecord',
    query: 'query ($k: ID!) { supportRecord(id: $k) { givenName } }',
    key: recordOf(person, 'VCS_SUPPORT_RECORD'),
    unknown: '00000000-0000-4000-8000-000000000000',
  },
];

const JOINED = `query ($id: ID!) { person(id: $id) { givenName
  claimant { givenName } prisoner { givenName } probationCase { givenName }
  supportRecords { givenName } } }`;

describe.each(backends())('whose records a caller sees, through the gateway (%s)', (backend) => {
  let running: TestHub;

  beforeAll(async () => {
    running = await startTestHub(backend);
  });
  afterAll(() => running?.stop());

  const ask = async (...args: Parameters<TestHub['ask']>): Promise<Body> => {
    const { status, body } = await running.ask(...args);
    expect(status).toBe(200);
    return body as Body;
  };
  const coordinator = (organisation: string) => (query: string, k: string) =>
    ask(query, { k, id: k }, Role.COORDINATOR, { organisation });

  it.each(ROOTS)(
    '$name: a coordinator sees their caseload; to another charity it is absent',
    async (root) => {
      const seen = await coordinator(charity)(root.query, root.key);
      const outside = await coordinator(otherCharity)(root.query, root.key);
      const absent = await coordinator(otherCharity)(root.query, root.unknown);

      expect(Object.values(seen.data ?? {})[0]).toMatchObject({ givenName: expect.any(String) });
      expect(seen.errors).toBeUndefined();
      expect(outside).toEqual(absent);
      expect(Object.values(outside.data ?? {})).toEqual([null]);
    },
  );

  it('joins nothing from any controller for a person outside the caseload', async () => {
    const body = await ask(JOINED, { id: person.id }, Role.COORDINATOR, {
      organisation: otherCharity,
    });

    expect(body).toEqual({ data: { person: null } });
  });

  it("hands each controller the coordinator's scope when identity calls it, so none asks", async () => {
    /** The sum of a service's series whose line starts with `prefix`, and that contain `also`. */
    const metric = async (service: 'identity' | 'moj', prefix: string, also = '') => {
      const port = running.hub.port(service);
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return text
        .split('\n')
        .filter((l) => l.startsWith(prefix) && l.includes(also))
        .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    };
    // The controllers' scope questions are identity's only anonymous operations here.
    const scopeQuestions = () =>
      metric('identity', 'hub_graphql_operation_duration_seconds_count{', 'operation="anonymous"');
    const view = async (fields: string) => {
      const before = await scopeQuestions();
      const body = await ask(
        `query ScopeHandedOver($id: ID!) { person(id: $id) { givenName
          claimant { givenName } prisoner { givenName } supportRecords { givenName } ${fields} } }`,
        { id: person.id },
        Role.COORDINATOR,
        { organisation: charity },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.person).toMatchObject({
        claimant: { givenName: expect.any(String) },
        prisoner: { givenName: expect.any(String) },
        supportRecords: [expect.anything()],
      });
      return (await scopeQuestions()) - before;
    };

    // Without readiness, identity calls no controller, and each asks identity for the scope.
    expect(await view('')).toBe(3);
    expect(await view('readiness { status }')).toBe(0);
    // Handed whole the first time; by digest after that, each controller using what it kept.
    const handedByDigest = await metric(
      'moj',
      'hub_cache_lookups_total{cache="handed_scope",result="hit"',
    );
    expect(await view('readiness { status }')).toBe(0);
    expect(await metric('moj', 'hub_cache_lookups_total{cache="handed_scope",result="hit"')).toBe(
      handedByDigest + 1,
    );
  });

  it('stops showing a person on the request after their consent is withdrawn', async () => {
    const supportRecord = recordOf(person, 'VCS_SUPPORT_RECORD');
    const vcs = await openDatabase(createVcsDatabase(running.settings('vcs')));
    const setWithdrawn = (on: string | null) =>
      vcs.query(
        `UPDATE consent SET withdrawn_on = ${on === null ? 'NULL' : `'${on}'`}
          WHERE support_record_id = '${supportRecord}' AND scope = 'EMPLOYMENT_SUPPORT'`,
      );
    const view = () => ask(JOINED, { id: person.id }, Role.COORDINATOR, { organisation: charity });
    try {
      expect((await view()).data?.person).toMatchObject({ givenName: person.givenName });

      await setWithdrawn(new Date().toISOString().slice(0, 10));
      expect(await view()).toEqual({ data: { person: null } });

      await setWithdrawn(null);
      expect((await view()).data?.person).toMatchObject({ givenName: person.givenName });
    } finally {
      await setWithdrawn(null);
      await closeDatabase(vcs);
    }
  });

  it('hides a person on the request after a restriction is written straight to the database', async () => {
    const identity = await openDatabase(createIdentityDatabase(running.settings('identity')));
    const id = '00000000-0000-4000-8000-00000000a11c';
    const unrestrict = () => identity.query(`DELETE FROM access_restriction WHERE id = '${id}'`);
    const view = () => ask(JOINED, { id: person.id }, Role.DATA_STEWARD);
    try {
      expect((await view()).data?.person).toMatchObject({ givenName: person.givenName });

      await identity.query(
        `INSERT INTO access_restriction (id, record_key, reason, allowed_subjects, created_by,
          created_at) VALUES ('${id}', 'prison:${recordOf(person, 'MOJ_PRISONER')}',
          'Set by hand', '["someone-else"]', 'a-dba', '2026-11-25T00:00:00.000Z')`,
      );
      expect(await view()).toEqual({ data: { person: null } });

      await unrestrict();
      expect((await view()).data?.person).toMatchObject({ givenName: person.givenName });
    } finally {
      await unrestrict();
      await closeDatabase(identity);
    }
  });

  describe('a restricted person', () => {
    const prisonKey = `prison:${recordOf(person, 'MOJ_PRISONER')}`;
    const NAMED = 'adviser-on-the-case';
    const restrict = (variables: Record<string, unknown>, role = Role.DATA_STEWARD) =>
      ask(
        `mutation ($recordKey: String!, $reason: String!, $allowedSubjects: [String!]!) {
          restrictAccess(recordKey: $recordKey, reason: $reason, allowedSubjects: $allowedSubjects)
          { id recordKey allowedSubjects createdBy liftedAt } }`,
        variables,
        role,
        role === Role.DATA_STEWARD ? { purposes: [Purpose.LINKAGE_REVIEW] } : {},
      );
    const lift = (id: string) =>
      ask(
        'mutation ($id: ID!) { liftAccessRestriction(id: $id) { id liftedBy liftedAt } }',
        { id },
        Role.DATA_STEWARD,
        { purposes: [Purpose.LINKAGE_REVIEW] },
      );

    it('is seen only by the users the restriction names, until it is lifted', async () => {
      // Seen first, so identity holds this user's restrictions from before the new one.
      const before = await ask(JOINED, { id: person.id }, Role.DATA_STEWARD);
      expect(before.data?.person).toMatchObject({ givenName: person.givenName });
      const made = await restrict({
        recordKey: prisonKey,
        reason: 'Public-interest case',
        allowedSubjects: [NAMED],
      });
      expect(made.errors).toBeUndefined();
      const restriction = made.data?.restrictAccess as { id: string; createdBy: string };
      expect(restriction.createdBy).toBe('dev-data_steward');

      const steward = await ask(JOINED, { id: person.id }, Role.DATA_STEWARD);
      const asCoordinator = await ask(JOINED, { id: person.id }, Role.COORDINATOR, {
        organisation: charity,
      });
      const claimant = await ask(
        'query ($k: String!) { claimant(nino: $k) { givenName } }',
        { k: recordOf(person, 'DWP_CLAIMANT') },
        Role.JOBCENTRE_ADVISER,
        { purposes: [Purpose.EMPLOYMENT_SUPPORT] },
      );
      const named = await ask(JOINED, { id: person.id }, Role.JOBCENTRE_ADVISER, {
        subject: NAMED,
        purposes: [Purpose.EMPLOYMENT_SUPPORT],
      });
      const lifted = await lift(restriction.id);
      const after = await ask(JOINED, { id: person.id }, Role.DATA_STEWARD);

      expect(steward).toEqual({ data: { person: null } });
      expect(asCoordinator).toEqual({ data: { person: null } });
      expect(claimant).toEqual({ data: { claimant: null } });
      expect(named.data?.person).toMatchObject({
        givenName: person.givenName,
        prisoner: { givenName: expect.any(String) },
        claimant: { givenName: expect.any(String) },
      });
      expect(lifted.data?.liftAccessRestriction).toMatchObject({ liftedBy: 'dev-data_steward' });
      expect(after.data?.person).toMatchObject({ givenName: person.givenName });
    });

    it('is set only by a steward, on a record the hub holds, naming someone', async () => {
      const reason = 'Public-interest case';
      const code = (body: Body) => body.errors?.[0]?.extensions.code;

      expect(
        code(
          await restrict(
            { recordKey: prisonKey, reason, allowedSubjects: [NAMED] },
            Role.COORDINATOR,
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(code(await restrict({ recordKey: 'A1234BC', reason, allowedSubjects: [NAMED] }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(
        code(await restrict({ recordKey: 'prison:Z0000ZZ', reason, allowedSubjects: [NAMED] })),
      ).toBe('NOT_FOUND');
      expect(code(await restrict({ recordKey: prisonKey, reason, allowedSubjects: [] }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(
        code(await restrict({ recordKey: prisonKey, reason: ' ', allowedSubjects: [NAMED] })),
      ).toBe('BAD_USER_INPUT');
      const listed = await ask('{ accessRestrictions { recordKey } }', {}, Role.DATA_STEWARD);
      expect(listed.data?.accessRestrictions).toEqual([]);
    });
  });
});
