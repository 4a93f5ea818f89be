import request from 'supertest';
import { type DemoPerson, generateDemoWorld } from '../seed/demo-world';
import { type Backend, type TestHub, backends, startTestHub } from './support/hub';

const JOINED_PERSON = `
  query JoinedPerson($id: ID!) {
    person(id: $id) {
      id givenName familyName dateOfBirth
      claimant { nino givenName jobcentre }
      prisoner { prisonNumber pncNumber establishment releaseDate }
      probationCase { crn practitionerName probationRegion }
      supportRecords { id organisationName service status referredOn }
    }
  }`;

const fullyLinked = (person: DemoPerson) =>
  person.claimant !== null && person.probationCase !== null && person.supportRecords.length > 0;

describe.each(backends())(
  'a person joined across controllers (%s database)',
  (backend: Backend) => {
    const world = generateDemoWorld();
    const person = world.find(fullyLinked) as DemoPerson;
    let running: TestHub;

    beforeAll(async () => {
      running = await startTestHub(backend);
    });
    afterAll(async () => {
      await running?.stop();
    });

    const graphql = (query: string, variables: Record<string, unknown> = {}) =>
      request(running.url).post('/graphql').send({ query, variables });

    it('returns one person with fields from dwp, moj and vcs in one query', async () => {
      const response = await graphql(JOINED_PERSON, { id: person.id });

      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.person).toEqual({
        id: person.id,
        givenName: person.givenName,
        familyName: person.familyName,
        dateOfBirth: person.dateOfBirth,
        claimant: {
          nino: person.claimant?.nino,
          givenName: person.givenName,
          jobcentre: person.claimant?.jobcentre,
        },
        prisoner: person.prisoner,
        probationCase: person.probationCase,
        supportRecords: person.supportRecords,
      });
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
      expect(degraded.body.data.person.prisoner).toEqual(person.prisoner);
      expect(degraded.body.data.person.supportRecords).toEqual(person.supportRecords);
      // DWP's non-null fields are missing, so the whole DWP part is null, with the error below.
      expect(degraded.body.data.person.claimant).toBeNull();
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
      expect(recovered.body.data.person.claimant.jobcentre).toBe(person.claimant?.jobcentre);
      await request(running.url).get('/readyz').expect(200);
    });
  },
);
