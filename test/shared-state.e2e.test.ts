import { createHash } from 'node:crypto';
import request from 'supertest';
import { type TestHub, redisUrl, startTestHub } from './support/hub';

// Automatic persisted queries live in the gateway's shared cache: Redis when configured, so every
// replica (and a restarted gateway) knows a document another one registered.
const QUERY = '{ person(id: "00000000-0000-4000-8000-000000000000") { id } }';
const persisted = {
  persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(QUERY).digest('hex') },
};

async function post(url: string, running: TestHub, body: object) {
  return request(url)
    .post('/graphql')
    .set('authorization', await running.authorization())
    .send(body);
}

async function restartGateway(running: TestHub) {
  await running.hub.stopService('gateway');
  await running.hub.startService('gateway');
  return running.hub.gatewayUrl;
}

(redisUrl ? describe : describe.skip)('with Redis', () => {
  let running: TestHub;
  beforeAll(async () => {
    running = await startTestHub('embedded');
  });
  afterAll(() => running?.stop());

  it('keeps a persisted query registered across a gateway restart', async () => {
    // Until its Redis connection is up, a gateway keeps what it learns in process only.
    for (let tries = 0; (await request(running.url).get('/readyz')).body.redis !== 'ready';) {
      if (++tries > 50) throw new Error('the gateway never reached Redis');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await post(running.url, running, { query: QUERY, extensions: persisted });
    const url = await restartGateway(running);

    const byHash = await post(url, running, { extensions: persisted });

    expect(byHash.body).toEqual({ data: { person: null } });
    expect((await request(url).get('/readyz')).body.redis).toBe('ready');
  });
});

describe('with Redis down', () => {
  let running: TestHub;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    running = await startTestHub('embedded', { REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => running?.stop());

  it('serves on, with persisted queries held in process, and says Redis is unavailable', async () => {
    const registered = await post(running.url, running, {
      query: QUERY,
      extensions: persisted,
    });
    const byHash = await post(running.url, running, { extensions: persisted });
    const readiness = await request(running.url).get('/readyz').expect(200);

    expect(registered.body).toEqual({ data: { person: null } });
    expect(byHash.body).toEqual({ data: { person: null } });
    expect(readiness.body).toMatchObject({ status: 'ready', redis: 'unavailable' });
  });

  it('forgets in-process registrations when the gateway restarts', async () => {
    await post(running.url, running, { query: QUERY, extensions: persisted });
    const url = await restartGateway(running);

    const byHash = await post(url, running, { extensions: persisted });

    expect(byHash.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
