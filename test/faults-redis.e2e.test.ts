import { createClient } from 'redis';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { REGISTRY_KEY } from '../gateway/document-registry';
import { closeDatabase, openDatabase } from '../lib/database';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { type TestHub, startTestHub } from './support/hub';
import { confirmed, lostWrites, startLoad, unclean } from './support/load';
import { PrivateRedis } from './support/private-servers';

// Redis (shared cache, rate limits, trusted documents) stops under a steady load through the
// gateway, on a Redis of this test's own: the hub serves on from its in-process fallbacks and
// reconnects when Redis is back. Redis does not depend on the database: SQLite only.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function redisState(running: TestHub): Promise<string> {
  return (await request(running.url).get('/readyz')).body.redis;
}

async function until(running: TestHub, state: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while ((await redisState(running)) !== state) {
    if (Date.now() > deadline) throw new Error(`redis not ${state} within ${withinMs} ms`);
    await pause(100);
  }
}

describe('Redis stops under load', () => {
  let redis: PrivateRedis | null;
  let running: TestHub;
  let vcs: DataSource;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    if (!redis) return;
    running = await startTestHub('embedded', { REDIS_URL: redis.url });
    vcs = await openDatabase(createVcsDatabase(running.settings('vcs')));
  });
  afterAll(async () => {
    if (vcs) await closeDatabase(vcs);
    await running?.stop();
    await redis?.stop();
  });

  it('serves on without it, reports it unavailable, and reconnects when it returns', async () => {
    if (!redis) return; // skipped, reason printed
    await until(running, 'ready', 10_000);
    const load = startLoad(running);
    await load.steady();
    await redis.stop();
    const stoppedAt = load.answers.length;
    await until(running, 'unavailable', 5_000);
    await pause(2_000);
    const readyz = await request(running.url).get('/readyz');
    const backAt = load.answers.length;
    await redis.start();
    await until(running, 'ready', 10_000);
    await pause(1_000);
    const answers = await load.stop();

    expect(readyz.status).toBe(200);
    expect(readyz.body).toMatchObject({ status: 'ready', redis: 'unavailable' });
    expect(unclean(answers)).toEqual([]);
    // Every answer, before, during and after, was whole and quick.
    expect(answers.slice(stoppedAt, backAt).length).toBeGreaterThan(8);
    expect(answers.filter((a) => !confirmed(a))).toEqual([]);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(3_000);
    expect(await lostWrites(answers, vcs)).toEqual([]);
    // Back on Redis: the restarted (empty) Redis has the trusted documents again, shared on
    // reconnecting, and this minute's rate-limit counts.
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      expect(await client.hLen(REGISTRY_KEY)).toBeGreaterThan(0);
      expect((await client.keys('ratelimit:*')).length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
