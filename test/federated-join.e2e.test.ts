import request from 'supertest';
import { type DemoWorld, buildDemoWorld, demoPerson } from '../seed/demo';
import { LinkedRecordKind } from '../subgraphs/identity/person/person-link.entity';
import { type Backend, type TestHub, backends, startTestHub } from './support/hub';
import { IDENTITY_SERVICE_REQUEST } from './support/callers';
import { inFeedOrder } from './support/subgraph';

const JOINED_PERSON = `
  query JoinedPerson($id: ID!) {
    person(id: $id) {
      id givenName familyName dateOfBirth
      claimant { nino jobcentre benefitClaims { benefit claimDate startedInCustody } }
      prisoner { prisonNumber pncNumber latestCustodyPeriod { releaseDate establishment { code } } }
      probationCase { crn practitionerName licenceConditions { kind restrictsWork } }
      supportRecords { id organisation { name } referrals { status source } }
    }
  }`;

/** What the seed wrote for the demo person, read from the generated rows, not from the hub. */
function expectedJoin(world: DemoWorld) {
  const person = demoPerson(world);
  const idOf = (kind: LinkedRecordKind) =>
    person.records.filter((r) => r.recordKind === kind).map((r) => r.recordId);
  const [nino] = idOf(LinkedRecordKind.DWP_CLAIMANT);
  const [prisonNumber] = idOf(LinkedRecordKind.MOJ_PRISONER);
  const [crn] = idOf(LinkedRecordKind.MOJ_PROBATION_CASE);
  const rows = (
    subgraph: 'dwp' | 'moj' | 'vcs',
    entity: string,
    where: (row: Record<string, unknown>) => boolean,
  ) => world.rows[subgraph][entity].filter(where);
  const claimant = rows('dwp', 'Claimant', (r) => r.nino === nino)[0];
  const prisoner = rows('moj', 'Prisoner', (r) => r.prisonNumber === prisonNumber)[0];
  const latest = rows('moj', 'CustodyPeriod', (r) => r.prisonNumber === prisonNumber).sort((a, b) =>
    String(b.receptionDate).localeCompare(String(a.receptionDate)),
  )[0];
  const probation = rows('moj', 'ProbationCase', (r) => r.crn === crn)[0];
  return {
    person,
    claimant: {
      nino,
      jobcentre: claimant.jobcentre,
      benefitClaims: rows('dwp', 'BenefitClaim', (r) => r.nino === nino).map(
        ({ benefit, claimDate, startedInCustody }) => ({ benefit, claimDate, startedInCustody }),
      ),
    },
    prisoner: {
      prisonNumber,
      pncNumber: prisoner.pncNumber,
      latestCustodyPeriod: {
        releaseDate: latest.releaseDate,
        establishment: { code: latest.establishmentCode },
      },
    },
    probationCase: {
      crn,
      practitionerName: probation.practitionerName,
      licenceConditions: rows('moj', 'LicenceCondition', (r) => r.crn === crn).map(
        ({ kind, restrictsWork }) => ({ kind, restrictsWork }),
      ),
    },
    supportRecordIds: idOf(LinkedRecordKind.VCS_SUPPORT_RECORD),
  };
}

const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** Each identity feed: the subgraph serving it and the seeded rows it reads, by their key. */
const IDENTITY_FEEDS = [
  { subgraph: 'dwp', field: 'claimantIdentityFeed', entity: 'Claimant', key: 'nino' },
  { subgraph: 'moj', field: 'prisonerIdentityFeed', entity: 'Prisoner', key: 'prisonNumber' },
  { subgraph: 'moj', field: 'probationCaseIdentityFeed', entity: 'ProbationCase', key: 'crn' },
  { subgraph: 'vcs', field: 'supportRecordIdentityFeed', entity: 'SupportRecord', key: 'id' },
] as const;

describe.each(backends())(
  'a person joined across controllers (%s database)',
  (backend: Backend) => {
    const world = buildDemoWorld();
    const expected = expectedJoin(world);
    const person = expected.person;
    let running: TestHub;

    beforeAll(async () => {
      running = await startTestHub(backend);
    });
    afterAll(async () => {
      await running?.stop();
    });

    const graphql = async (query: string, variables: Record<string, unknown> = {}) =>
      request(running.url)
        .post('/graphql')
        .set('authorization', await running.authorization())
        .send({ query, variables });

    it('returns one person with fields from dwp, moj and vcs in one query', async () => {
      const response = await graphql(JOINED_PERSON, { id: person.id });

      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      const joined = response.body.data.person;
      expect(joined).toMatchObject({
        id: person.id,
        givenName: person.givenName,
        familyName: person.familyName,
        dateOfBirth: person.dateOfBirth,
      });
      expect({
        ...joined.claimant,
        benefitClaims: [...joined.claimant.benefitClaims].sort(byJson),
      }).toEqual({
        ...expected.claimant,
        benefitClaims: [...expected.claimant.benefitClaims].sort(byJson),
      });
      expect(joined.prisoner).toEqual(expected.prisoner);
      expect(joined.probationCase.crn).toBe(expected.probationCase.crn);
      expect([...joined.probationCase.licenceConditions].sort(byJson)).toEqual(
        [...expected.probationCase.licenceConditions].sort(byJson),
      );
      expect(joined.supportRecords.map((r: { id: string }) => r.id).sort()).toEqual(
        [...expected.supportRecordIds].sort(),
      );
      expect(joined.supportRecords[0].organisation.name).toEqual(expect.any(String));
    });

    it('asks moj for the prisoner and the probation case in one call', async () => {
      const mojCalls = async () => {
        const url = `http://127.0.0.1:${running.hub.port('moj')}/metrics`;
        const text = await (await fetch(url)).text();
        return Number(/^hub_graphql_calls_total(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1]);
      };
      const before = await mojCalls();
      const response = await graphql(JOINED_PERSON, { id: person.id });

      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.person.prisoner.prisonNumber).toBe(expected.prisoner.prisonNumber);
      expect(response.body.data.person.probationCase.crn).toBe(expected.probationCase.crn);
      expect((await mojCalls()) - before).toBe(1);
    });

    it('gives null for a well-formed id nobody has', async () => {
      const response = await graphql(JOINED_PERSON, { id: '00000000-0000-4000-8000-000000000000' });

      expect(response.body).toEqual({ data: { person: null } });
    });

    it('refuses a malformed id with BAD_USER_INPUT saying what an id looks like', async () => {
      const response = await graphql(JOINED_PERSON, { id: 'not-an-id' });

      expect(response.body.data.person).toBeNull();
      expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(response.body.errors[0].message).toMatch(/id must be a hub id \(UUID\)/);
    });

    it('answers malformed GraphQL with 400 and a clear message, not a stack trace', async () => {
      const response = await graphql('{ person(id: ');

      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(response.body.errors[0].message).toMatch(/Syntax Error/);
      expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|at \w+ \(/);
    });

    it('serves each identity feed from its subgraph, never through the gateway', async () => {
      for (const { subgraph, field, entity, key } of IDENTITY_FEEDS) {
        const query = `{ ${field}(first: 5000) {
          records { sourceId updatedAt otherNames { familyName } } hasNextPage } }`;
        const viaGateway = await graphql(query);
        const body = JSON.stringify({ query });
        const direct = await request(`http://127.0.0.1:${running.hub.port(subgraph)}`)
          .post('/graphql')
          .set(await running.internalHeaders(subgraph, body, IDENTITY_SERVICE_REQUEST))
          .send(body);

        expect(viaGateway.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
        const rows = world.rows[subgraph][entity] as {
          updatedAt: string;
          [column: string]: unknown;
        }[];
        const page = direct.body.data[field];
        expect({
          field,
          hasNextPage: page.hasNextPage,
          sourceIds: page.records.map((r: { sourceId: string }) => r.sourceId),
        }).toEqual({
          field,
          hasNextPage: false,
          sourceIds: inFeedOrder(rows, key),
        });
        // The seed stamps every record with its as-of day.
        expect(new Set(page.records.map((r: { updatedAt: string }) => r.updatedAt))).toEqual(
          new Set(['2026-11-01T00:00:00.000Z']),
        );
        if (entity === 'Prisoner') {
          const otherNames = page.records.flatMap((r: { otherNames: unknown[] }) => r.otherNames);
          expect(otherNames).toHaveLength(world.rows.moj.PrisonerAlias.length);
        }
      }
    });

    it('is healthy and ready with every subgraph answering', async () => {
      await request(running.url).get('/healthz').expect(200);
      const ready = await request(running.url).get('/readyz').expect(200);

      expect(ready.body.subgraphs).toEqual({
        identity: 'ready',
        dwp: 'ready',
        moj: 'ready',
        vcs: 'ready',
      });
    });

    it('answers the rest of the query when a domain subgraph is down, and recovers', async () => {
      const port = await running.hub.stopService('dwp');

      const degraded = await graphql(JOINED_PERSON, { id: person.id });
      expect(degraded.status).toBe(200);
      expect(degraded.body.data.person.prisoner).toEqual(expected.prisoner);
      expect(degraded.body.data.person.supportRecords).toHaveLength(
        expected.supportRecordIds.length,
      );
      // The NINO comes from identity's link; what only DWP holds is null, with the error below.
      expect(degraded.body.data.person.claimant).toEqual({
        nino: expected.claimant.nino,
        jobcentre: null,
        benefitClaims: null,
      });
      expect(degraded.body.errors).toEqual([
        expect.objectContaining({
          message: 'The dwp service is not answering.',
          extensions: { code: 'UPSTREAM_UNAVAILABLE', service: 'dwp' },
        }),
      ]);
      const readiness = await request(running.url).get('/readyz').expect(503);
      expect(readiness.body.unavailable).toEqual(['dwp']);

      await running.hub.startService('dwp', port);

      const recovered = await graphql(JOINED_PERSON, { id: person.id });
      expect(recovered.body.errors).toBeUndefined();
      expect(recovered.body.data.person.claimant.jobcentre).toBe(expected.claimant.jobcentre);
      await request(running.url).get('/readyz').expect(200);
    });
  },
);
