import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '../lib/auth/roles';
import { SUBGRAPH_NAMES } from '../lib/subgraphs';
import { demoPerson } from '../seed/demo';
import { type TestHub, backends, startTestHub } from './support/hub';

// /metrics on every service: operations timed by name, the gateway's calls to each subgraph,
// errors by code, cache lookups. A request's log lines on every service it reached, under one
// request id. And nothing in any of it that names a person.

const JOINED_PERSON = `
  query JoinedPerson($id: ID!) {
    person(id: $id) {
      id givenName familyName dateOfBirth
      claimant { nino }
      prisoner { prisonNumber }
    }
  }`;

interface Person {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  claimant: { nino: string } | null;
  prisoner: { prisonNumber: string } | null;
}

const metricsOfHub = async (hub: TestHub, service: string) =>
  (await fetch(`http://127.0.0.1:${hub.hub.port(service as 'gateway')}/metrics`)).text();

/** The sum of a series' samples whose labels include all those given (a value ending in * is a prefix). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) =>
    value.endsWith('*') ? `${key}="${value.slice(0, -1)}` : `${key}="${value}"`,
  );
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && wanted.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe.each(backends())('/metrics, on %s', (backend) => {
  let hub: TestHub;
  let person: Person;
  const metricsOf = (service: string) => metricsOfHub(hub, service);

  beforeAll(async () => {
    hub = await startTestHub(backend, { LOG_LEVEL: 'info' });
    const { id } = demoPerson();
    const answer = await hub.ask(JOINED_PERSON, { id }, Role.DATA_STEWARD);
    person = (answer.body as { data: { person: Person } }).data.person;
    expect(person.claimant?.nino).toBeTruthy();
    await hub.ask('query Broken { person(id: "x") { noSuchField } }', {}, Role.DATA_STEWARD);
    // An automatic persisted query: unknown (a cache miss), registered, then found (a hit). Its
    // alias is new each run, as Redis outlives a test hub.
    const alias = `run${randomUUID().replaceAll('-', '')}`;
    const query = `{ ${alias}: __typename }`;
    const persisted = {
      persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') },
    };
    const authorization = await hub.authorization(Role.DATA_STEWARD);
    const post = (body: object) =>
      request(hub.url).post('/graphql').set('authorization', authorization).send(body);
    await post({ extensions: persisted });
    await post({ query, extensions: persisted });
    expect((await post({ extensions: persisted })).body).toEqual({ data: { [alias]: 'Query' } });
  });

  it('times each operation by name at the gateway and in the subgraphs it reached', async () => {
    const gateway = await metricsOf('gateway');
    const timed = { operation: 'JoinedPerson', outcome: 'ok' };
    expect(sample(gateway, 'hub_graphql_operation_duration_seconds_count', timed)).toBe(1);
    // The gateway names each subgraph fetch after the operation it serves.
    const identity = await metricsOf('identity');
    const fetched = { operation: 'JoinedPerson__identity__*', outcome: 'ok' };
    expect(sample(identity, 'hub_graphql_operation_duration_seconds_count', fetched)).toBe(1);
    expect(
      sample(gateway, 'hub_subgraph_fetch_duration_seconds_count', {
        subgraph: 'identity',
        outcome: 'answered',
      }),
    ).toBeGreaterThan(0);
    // Identity asked the controllers for the person's records itself.
    for (const controller of ['dwp', 'moj']) {
      const own = await metricsOf(controller);
      expect(
        sample(own, 'hub_graphql_operation_duration_seconds_count', { outcome: 'ok' }),
      ).toBeGreaterThan(0);
    }
  });

  it('counts errors by code, and cache lookups by whether they hit', async () => {
    const gateway = await metricsOf('gateway');
    expect(
      sample(gateway, 'hub_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' }),
    ).toBeGreaterThan(0);
    expect(
      sample(gateway, 'hub_graphql_operation_duration_seconds_count', {
        operation: 'Broken',
        outcome: 'error',
      }),
    ).toBe(1);
    const lookups = (result: string) =>
      sample(gateway, 'hub_cache_lookups_total', { cache: 'gateway', result });
    expect(lookups('miss')).toBeGreaterThan(0);
    expect(lookups('hit')).toBeGreaterThan(0);
  });

  it('names no one: no name, date of birth, NINO or prison number in any service’s metrics', async () => {
    for (const service of ['gateway', ...SUBGRAPH_NAMES]) {
      const text = await metricsOf(service);
      for (const value of personalValues()) expect(text).not.toContain(value);
    }
  });

  afterAll(() => hub?.stop());

  const personalValues = () =>
    [
      person.givenName,
      person.familyName,
      person.dateOfBirth,
      person.claimant?.nino,
      person.prisoner?.prisonNumber,
      person.id,
    ].filter((value): value is string => Boolean(value));

  it('logs a request on the gateway and each subgraph it reached, under one id, naming no one', async () => {
    const requestId = `log-sample-${randomUUID()}`;
    const authorization = await hub.authorization(Role.DATA_STEWARD);
    const answer = await request(hub.url)
      .post('/graphql')
      .set('authorization', authorization)
      .set('x-request-id', requestId)
      .send({ query: JOINED_PERSON, variables: { id: person.id } });
    expect(answer.status).toBe(200);
    const logged = (service: 'gateway' | 'identity') =>
      hub.hub
        .logs(service)
        .filter((line) => line.includes(requestId))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const deadline = Date.now() + 5_000;
    while (!(logged('identity').length && logged('gateway').length) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(logged('gateway')).toContainEqual(
      expect.objectContaining({
        msg: 'request',
        service: 'gateway',
        path: '/graphql',
        status: 200,
        role: Role.DATA_STEWARD,
      }),
    );
    expect(logged('identity')).toContainEqual(
      expect.objectContaining({ msg: 'request', service: 'identity', status: 200 }),
    );
    const sample = ['gateway', ...SUBGRAPH_NAMES].flatMap((service) =>
      hub.hub.logs(service as 'gateway'),
    );
    expect(sample.length).toBeGreaterThan(10);
    for (const value of personalValues()) expect(sample.join('\n')).not.toContain(value);
  });

  (backend === 'postgres' ? it : it.skip)('shows each service’s PostgreSQL pool', async () => {
    for (const service of SUBGRAPH_NAMES) {
      const text = await metricsOf(service);
      expect(sample(text, 'hub_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
      expect(text).toMatch(/^hub_db_pool_connections\{[^}]*state="waiting"[^}]*\} \d+$/m);
    }
  });

  it('answers as Prometheus text', async () => {
    const response = await request(hub.url).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
