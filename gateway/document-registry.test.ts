import pino from 'pino';
import { connectRedis, disconnectRedis, type RedisClient } from '../lib/redis';
import { documentId, normaliseDocument } from './document-manifest';
import { DocumentRegistry, registerDocument } from './document-registry';

const silent = pino({ level: 'silent' });

const checkedIn = normaliseDocument('query Prisons { establishments { code } }');
const operators = normaliseDocument('query Charities { organisations { id name } }');
const manifest = new Map([[documentId(checkedIn), checkedIn]]);

/** A Redis that answers HGET from `fields`, counting the calls. */
function fakeRedis(fields: Record<string, string>) {
  const asked: string[] = [];
  const redis = {
    isReady: true,
    hGet: async (_key: string, id: string) => {
      asked.push(id);
      return fields[id] ?? null;
    },
  } as unknown as RedisClient;
  return { redis, asked };
}

async function whenReady(...clients: RedisClient[]) {
  for (let i = 0; i < 50 && !clients.every((c) => c.isReady); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('DocumentRegistry lookups', () => {
  it('answers from the manifest without asking Redis, then from Redis', async () => {
    const { redis, asked } = fakeRedis({ [documentId(operators)]: operators });
    const registry = new DocumentRegistry(manifest, redis);

    expect(await registry.find(documentId(checkedIn))).toBe(checkedIn);
    expect(asked).toEqual([]);
    expect(await registry.find(documentId(operators))).toBe(operators);
    expect(asked).toEqual([documentId(operators)]);
  });

  it('knows nothing else, and asks Redis nothing that is not a document id', async () => {
    const { redis, asked } = fakeRedis({});
    const registry = new DocumentRegistry(manifest, redis);

    expect(await registry.find(documentId(operators))).toBeUndefined();
    expect(await registry.find('not-an-id')).toBeUndefined();
    expect(asked).toEqual([documentId(operators)]);
  });

  it('ignores a body in Redis that does not hash to its id', async () => {
    const { redis } = fakeRedis({ [documentId(operators)]: `${operators} ` });

    expect(await new DocumentRegistry(manifest, redis).find(documentId(operators))).toBeUndefined();
  });

  it('serves the manifest, at once, while Redis is down, failing or never answering', async () => {
    const down = connectRedis('redis://127.0.0.1:1', silent);
    const failing = {
      isReady: true,
      hGet: () => Promise.reject(new Error('LOADING Redis is loading the dataset in memory')),
    } as unknown as RedisClient;
    const hanging = {
      isReady: true,
      hGet: () => new Promise<never>(() => undefined),
    } as unknown as RedisClient;
    try {
      for (const redis of [down, failing, hanging, undefined]) {
        const registry = new DocumentRegistry(manifest, redis);
        const started = Date.now();

        expect(await registry.find(documentId(checkedIn))).toBe(checkedIn);
        expect(await registry.find(documentId(operators))).toBeUndefined();
        expect(Date.now() - started).toBeLessThan(3_000);
      }
    } finally {
      await disconnectRedis(down);
    }
  });
});

const withRedis = process.env.TEST_REDIS_URL ? it : it.skip;

describe('DocumentRegistry on Redis', () => {
  withRedis(
    'shares the manifest and operator-registered documents with every replica',
    async () => {
      const url = process.env.TEST_REDIS_URL as string;
      const [one, two] = [connectRedis(url, silent), connectRedis(url, silent)];
      const key = `test:trusted-documents:${process.pid}:${Date.now()}`;
      try {
        await whenReady(one, two);
        new DocumentRegistry(manifest, one, key).share(silent);
        // Another replica, restarted on an older manifest: it has none of these in process.
        const replica = new DocumentRegistry(new Map(), two, key);
        for (let i = 0; i < 50 && !(await two.hExists(key, documentId(checkedIn))); i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }

        expect(await replica.find(documentId(checkedIn))).toBe(checkedIn);
        expect(await replica.find(documentId(operators))).toBeUndefined();
        expect(await registerDocument(one, operators, key)).toBe(documentId(operators));
        expect(await replica.find(documentId(operators))).toBe(operators);
      } finally {
        await one.del(key);
        await Promise.all([disconnectRedis(one), disconnectRedis(two)]);
      }
    },
  );
});
