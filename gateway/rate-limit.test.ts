import express from 'express';
import { spawnSync } from 'node:child_process';
import pino from 'pino';
import request from 'supertest';
import { ConfigError, loadConfig } from '../lib/config';
import { connectRedis, disconnectRedis, type RedisClient } from '../lib/redis';
import {
  RATE_LIMITED_MESSAGE,
  RateLimiter,
  addressKey,
  anonymousKey,
  rateLimit,
} from './rate-limit';

const silent = pino({ level: 'silent' });
const MINUTE = 60_000;

/** A clock the test moves by hand, starting at the beginning of a window. */
function clock(start = 1_000 * MINUTE) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function consumeTimes(limiter: RateLimiter, key: string, times: number) {
  const decisions = [];
  for (let i = 0; i < times; i++) decisions.push(await limiter.consume(key));
  return decisions.map((decision) => decision.allowed);
}

describe('RATE_LIMIT_PER_MINUTE', () => {
  it('defaults to 600 a minute, reads a whole number, refuses zero naming the variable', () => {
    expect(loadConfig({}).gateway.rateLimitPerMinute).toBe(600);
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '20' }).gateway.rateLimitPerMinute).toBe(20);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});

describe('RateLimiter in process', () => {
  it('allows the limit in one window, then refuses until the window ends', async () => {
    const time = clock();
    const limiter = new RateLimiter({ limit: 3, now: time.now });

    expect(await consumeTimes(limiter, 'user:a', 4)).toEqual([true, true, true, false]);
    time.advance(45_500);
    expect(await limiter.consume('user:a')).toEqual({ allowed: false, retryAfterSeconds: 15 });
    time.advance(14_500);
    expect(await consumeTimes(limiter, 'user:a', 4)).toEqual([true, true, true, false]);
  });

  it('counts each key on its own', async () => {
    const limiter = new RateLimiter({ limit: 2, now: clock().now });

    expect(await consumeTimes(limiter, 'user:a', 3)).toEqual([true, true, false]);
    expect(await consumeTimes(limiter, 'user:b', 2)).toEqual([true, true]);
    expect(await consumeTimes(limiter, 'ip:10.0.0.1', 2)).toEqual([true, true]);
  });

  it('refuses a limit that is not a whole number of at least one', () => {
    expect(() => new RateLimiter({ limit: 0 })).toThrow(RangeError);
    expect(() => new RateLimiter({ limit: 1.5 })).toThrow(RangeError);
  });
});

describe('RateLimiter when Redis fails', () => {
  it('counts in process, at once and without throwing, when Redis is on a closed port', async () => {
    const redis = connectRedis('redis://127.0.0.1:1', silent);
    try {
      const limiter = new RateLimiter({ limit: 2, redis, now: clock().now });
      const started = Date.now();

      expect(await consumeTimes(limiter, 'user:a', 3)).toEqual([true, true, false]);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await disconnectRedis(redis);
    }
  });

  it('counts in process when a ready Redis fails the command or never answers', async () => {
    const failing = {
      isReady: true,
      multi: () => {
        throw new Error('READONLY You cannot write against a read only replica.');
      },
    } as unknown as RedisClient;
    const never = new Promise<never>(() => undefined);
    const hanging = {
      isReady: true,
      multi: () => ({ incr: () => ({ pExpire: () => ({ exec: () => never }) }) }),
    } as unknown as RedisClient;

    for (const redis of [failing, hanging]) {
      const limiter = new RateLimiter({ limit: 2, redis, now: clock().now });
      const started = Date.now();

      expect(await consumeTimes(limiter, 'user:a', 3)).toEqual([true, true, false]);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether anything answers on the Redis port, asked before the tests are declared. */
function redisAnswers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `require('node:net').connect(${Number(port) || 6379}, ${JSON.stringify(hostname)})
    .on('connect', () => process.exit(0)).on('error', () => process.exit(1));
    setTimeout(() => process.exit(1), 1000);`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 5_000 }).status === 0;
}

const redisUp = redisAnswers(REDIS_URL);
if (!redisUp) {
  console.warn(`Skipping the shared rate-limit tests: no Redis answers at ${REDIS_URL}.`);
}
const withRedis = redisUp ? it : it.skip;

describe('RateLimiter on Redis', () => {
  if (process.env.TEST_REDIS_URL) {
    it('reaches the Redis named by TEST_REDIS_URL', () => expect(redisUp).toBe(true));
  }

  let one: RedisClient;
  let two: RedisClient;
  const prefix = `test:ratelimit:${process.pid}:${Date.now()}:`;

  beforeAll(async () => {
    if (!redisUp) return;
    [one, two] = [connectRedis(REDIS_URL, silent), connectRedis(REDIS_URL, silent)];
    for (let i = 0; i < 50 && !(one.isReady && two.isReady); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    if (!redisUp) return;
    const keys = await one.keys(`${prefix}*`);
    if (keys.length > 0) await one.del(keys);
    await Promise.all([disconnectRedis(one), disconnectRedis(two)]);
  });

  withRedis('shares one count between two limiters (two gateway replicas)', async () => {
    const time = clock();
    const first = new RateLimiter({ limit: 3, redis: one, prefix, now: time.now });
    const second = new RateLimiter({ limit: 3, redis: two, prefix, now: time.now });

    expect(await consumeTimes(first, 'user:a', 2)).toEqual([true, true]);
    expect(await consumeTimes(second, 'user:a', 2)).toEqual([true, false]);
    expect(await consumeTimes(first, 'user:a', 1)).toEqual([false]);
    expect(await consumeTimes(second, 'user:b', 1)).toEqual([true]);
  });

  withRedis('keeps each window in ratelimit:<key>:<window>, expiring with the window', async () => {
    const time = clock();
    const limiter = new RateLimiter({ limit: 5, redis: one, prefix, now: time.now });
    await limiter.consume('user:c');

    const key = `${prefix}user:c:${Math.floor(time.now() / MINUTE)}`;
    expect(await one.get(key)).toBe('1');
    const ttl = await one.pTTL(key);
    expect(ttl).toBeGreaterThan(MINUTE - 5_000);
    expect(ttl).toBeLessThanOrEqual(MINUTE);
  });

  withRedis('uses the ratelimit: prefix unless told otherwise', async () => {
    const time = clock();
    const key = `user:test-${process.pid}-${Date.now()}`;
    await new RateLimiter({ limit: 5, redis: one, now: time.now }).consume(key);

    const stored = `ratelimit:${key}:${Math.floor(time.now() / MINUTE)}`;
    expect(await one.get(stored)).toBe('1');
    await one.del(stored);
  });
});

describe('rateLimit middleware', () => {
  function app(limiter: RateLimiter) {
    const server = express();
    server.use(
      rateLimit(limiter, (req) => req.get('x-user') ?? anonymousKey(req)),
      (_req, res) => {
        res.json({ data: { ok: true } });
      },
    );
    return server;
  }

  it('answers 429 with Retry-After and a RATE_LIMITED error once the limit is spent', async () => {
    const time = clock();
    time.advance(20_000);
    const server = app(new RateLimiter({ limit: 2, now: time.now }));

    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await request(server).post('/').set('x-user', 'a'));
    const other = await request(server).post('/').set('x-user', 'b');

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
    expect(answers[2].headers['retry-after']).toBe('40');
    expect(answers[2].body).toEqual({
      errors: [{ message: RATE_LIMITED_MESSAGE, extensions: { code: 'RATE_LIMITED' } }],
    });
    expect(answers[2].body.errors[0].message).not.toMatch(/\d/);
    expect(other.status).toBe(200);
  });

  it('counts requests without a user by their address', async () => {
    const server = app(new RateLimiter({ limit: 1, now: clock().now }));

    expect((await request(server).post('/')).status).toBe(200);
    expect((await request(server).post('/')).status).toBe(429);
  });
});

describe('addressKey', () => {
  it('keeps IPv4, unwraps IPv4 seen as IPv6, and groups IPv6 by its /64', () => {
    expect(addressKey('10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('1::3:4:5:6:1.2.3.4')).toBe('1:0:3:4::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
