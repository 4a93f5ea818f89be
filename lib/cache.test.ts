import pino from 'pino';
import { SharedCache } from './cache';
import { connectRedis, disconnectRedis, type RedisClient } from './redis';

const silent = pino({ level: 'silent' });

async function whenReady(client: RedisClient) {
  for (let i = 0; i < 50 && !client.isReady; i++) await new Promise((r) => setTimeout(r, 50));
}

describe('SharedCache', () => {
  it('works in process when no Redis is configured', async () => {
    const cache = new SharedCache(undefined);
    await cache.set('k', 'v');

    expect(await cache.get('k')).toBe('v');
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
  });

  it('answers at once from process memory while Redis is down', async () => {
    const redis = connectRedis('redis://127.0.0.1:1', silent);
    try {
      const cache = new SharedCache(redis);
      const started = Date.now();
      await cache.set('k', 'v');

      expect(await cache.get('k')).toBe('v');
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await disconnectRedis(redis);
    }
  });

  const withRedis = process.env.TEST_REDIS_URL ? it : it.skip;

  withRedis('shares values between replicas through Redis, with expiry', async () => {
    const [one, two] = [0, 1].map(() => connectRedis(process.env.TEST_REDIS_URL as string, silent));
    try {
      await Promise.all([whenReady(one), whenReady(two)]);
      const prefix = `test:${process.pid}:${Date.now()}:`;
      await new SharedCache(one, prefix).set('k', 'shared', { ttl: 60 });

      expect(await new SharedCache(two, prefix).get('k')).toBe('shared');
      expect(await two.ttl(`${prefix}k`)).toBeGreaterThan(50);
    } finally {
      await Promise.all([disconnectRedis(one), disconnectRedis(two)]);
    }
  });
});
