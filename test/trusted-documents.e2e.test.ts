import pino from 'pino';
import request from 'supertest';
import { documentId, normaliseDocument, readManifest } from '../gateway/document-manifest';
import { REGISTRY_KEY, registerDocument } from '../gateway/document-registry';
import { Role } from '../lib/auth/roles';
import { connectRedis, disconnectRedis } from '../lib/redis';
import { type TestHub, redisUrl, startTestHub } from './support/hub';

// Reporting tools run only registered documents; the fixture is reference data they may read.
const UNREGISTERED = '{ establishments { code } }';

let running: TestHub;
let fixture: { id: string; body: string };
beforeAll(async () => {
  const [[id, body]] = [...(await readManifest())].filter(([, text]) =>
    text.startsWith('query ReportingEstablishments'),
  );
  fixture = { id, body };
  running = await startTestHub('embedded');
});
afterAll(() => running?.stop());

async function post(body: object, role = Role.REPORTING) {
  return request(running.url)
    .post('/graphql')
    .set('authorization', await running.authorization(role))
    .send(body);
}

describe('trusted documents through the gateway', () => {
  it('refuse an unregistered query from a reporting token, saying how to send one', async () => {
    const answer = await post({ query: UNREGISTERED });

    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([
      {
        message: expect.stringContaining('{"documentId": "<id>"'),
        extensions: { code: 'UNTRUSTED_DOCUMENT', requestId: expect.any(String) },
      },
    ]);
  });

  it('run the registered document by documentId, by APQ hash and by its full text', async () => {
    const persistedQuery = { version: 1, sha256Hash: fixture.id };
    const answers = [
      await post({ documentId: fixture.id, variables: {} }),
      await post({ extensions: { persistedQuery } }),
      await post({ query: `# reformatted\n${fixture.body.replace(/\s+/g, ' ')}` }),
    ];

    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.establishments.length).toBeGreaterThan(0);
    }
    expect(answers[1].body).toEqual(answers[0].body);
    expect(answers[2].body).toEqual(answers[0].body);
  });

  it('apply the same rules to GET', async () => {
    const get = async (query: Record<string, string>) =>
      request(running.url)
        .get('/graphql')
        .query(query)
        .set('authorization', await running.authorization(Role.REPORTING))
        .set('apollo-require-preflight', 'true');

    const byId = await get({ documentId: fixture.id });
    const unregistered = await get({ query: UNREGISTERED });

    expect(byId.status).toBe(200);
    expect(byId.body.data.establishments.length).toBeGreaterThan(0);
    expect(unregistered.status).toBe(400);
    expect(unregistered.body.errors[0].extensions.code).toBe('UNTRUSTED_DOCUMENT');
  });

  it("leave a coordinator's ordinary queries alone", async () => {
    const answer = await post({ query: UNREGISTERED }, Role.COORDINATOR);

    expect(answer.status).toBe(200);
    expect(answer.body.data.establishments.length).toBeGreaterThan(0);
  });

  (redisUrl ? it : it.skip)(
    'accept a document an operator registered in Redis, with no restart',
    async () => {
      const body = normaliseDocument('query ReportingRegions { establishments { region } }');
      const redis = connectRedis(redisUrl as string, pino({ level: 'silent' }));
      try {
        // Until its Redis connection is up, a gateway knows only its manifest.
        for (let tries = 0; (await request(running.url).get('/readyz')).body.redis !== 'ready';) {
          if (++tries > 50) throw new Error('the gateway never reached Redis');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        for (let i = 0; i < 50 && !redis.isReady; i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await redis.hDel(REGISTRY_KEY, documentId(body));
        expect((await post({ documentId: documentId(body) })).status).toBe(400);
        await registerDocument(redis, body);

        const answer = await post({ documentId: documentId(body) });

        expect(answer.status).toBe(200);
        expect(answer.body.data.establishments[0]).toEqual({ region: expect.any(String) });
        expect(await redis.hGet(REGISTRY_KEY, fixture.id)).toBe(fixture.body);
      } finally {
        await redis.hDel(REGISTRY_KEY, documentId(body));
        await disconnectRedis(redis);
      }
    },
  );
});
