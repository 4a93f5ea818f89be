import pino from 'pino';
import request from 'supertest';
import { documentId, normaliseDocument } from '../../gateway/document-manifest';
import { REGISTRY_KEY, registerDocument } from '../../gateway/document-registry';
import { connectRedis, disconnectRedis } from '../../lib/redis';
import { type TestHub, redisUrl } from './hub';

/** Registers a test's own documents, so a REPORTING token may send them to the test hub. */
export interface DocumentTrust {
  trust(query: string): Promise<void>;
  /** Unregisters what `trust` registered. */
  stop(): Promise<void>;
}

/**
 * The gateway runs only registered documents for reporting tools; a test that sends one its own
 * query registers it in the hub's Redis, as an operator would. Undefined without TEST_REDIS_URL.
 */
export async function trustDocuments(running: TestHub): Promise<DocumentTrust | undefined> {
  if (!redisUrl) return undefined;
  const redis = connectRedis(redisUrl, pino({ level: 'silent' }));
  // Until its Redis connection is up, a gateway knows only the checked-in manifest.
  for (let tries = 0; !redis.isReady || (await gatewayRedis(running)) !== 'ready'; tries++) {
    if (tries > 100) throw new Error(`the test and the gateway never both reached ${redisUrl}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const registered = new Set<string>();
  return {
    async trust(query) {
      const body = normaliseDocument(query);
      if (!registered.has(documentId(body))) registered.add(await registerDocument(redis, body));
    },
    async stop() {
      if (registered.size > 0) await redis.hDel(REGISTRY_KEY, [...registered]);
      await disconnectRedis(redis);
    },
  };
}

async function gatewayRedis(running: TestHub): Promise<unknown> {
  return (await request(running.url).get('/readyz')).body.redis;
}
