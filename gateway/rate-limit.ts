import type { Request, RequestHandler } from 'express';
import { isIPv6 } from 'node:net';
import { ErrorCode } from '../lib/errors';
import type { RedisClient } from '../lib/redis';

const REDIS_TIMEOUT_MS = 250;

export interface RateLimiterOptions {
  /** Requests one key may make in one window. */
  limit: number;
  /** Window length; a minute unless told. */
  windowMs?: number;
  /** Counts shared by every gateway replica; absent means in-process counting only. */
  redis?: RedisClient;
  /** Redis key prefix: keys are `<prefix><key>:<window>`. */
  prefix?: string;
  /** The clock, for tests. */
  now?: () => number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the current window ends (at least 1); 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * A fixed-window counter per key (a user's subject, or an address for anonymous requests).
 * With Redis, each window's count lives in `ratelimit:<key>:<window>` (INCR and PEXPIRE in one
 * MULTI), shared by every replica. Without Redis, or whenever Redis is down, slow or failing,
 * it counts in process instead and never fails the request. Every request is also counted in
 * process, so a replica that loses Redis mid-window goes on from its own count, not from zero.
 */
export class RateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly redis: RedisClient | undefined;
  private readonly prefix: string;
  private readonly now: () => number;
  private readonly local = new Map<string, number>();
  private localWindow = -1;

  constructor(options: RateLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new RangeError('A rate limit must be a whole number of requests, at least 1.');
    }
    this.limit = options.limit;
    this.windowMs = options.windowMs ?? 60_000;
    this.redis = options.redis;
    this.prefix = options.prefix ?? 'ratelimit:';
    this.now = options.now ?? Date.now;
  }

  async consume(key: string): Promise<RateLimitDecision> {
    const now = this.now();
    const window = Math.floor(now / this.windowMs);
    const localCount = this.countLocally(key, window);
    const sharedCount = await this.countInRedis(`${this.prefix}${key}:${window}`);
    const count = sharedCount ?? localCount;
    if (count <= this.limit) return { allowed: true, retryAfterSeconds: 0 };
    const windowEnd = (window + 1) * this.windowMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
  }

  private countLocally(key: string, window: number): number {
    if (window !== this.localWindow) {
      // A new window: every earlier count is stale.
      this.local.clear();
      this.localWindow = window;
    }
    const count = (this.local.get(key) ?? 0) + 1;
    this.local.set(key, count);
    return count;
  }

  private async countInRedis(redisKey: string): Promise<number | undefined> {
    const redis = this.redis;
    if (!redis?.isReady) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, REDIS_TIMEOUT_MS, undefined);
    });
    try {
      const counted = redis
        .multi()
        .incr(redisKey)
        .pExpire(redisKey, this.windowMs)
        .exec()
        .then(([count]) => Number(count));
      // A late failure, after the timeout has answered, must not be an unhandled rejection.
      counted.catch(() => undefined);
      const count = await Promise.race([counted, timeout]);
      return Number.isFinite(count) ? count : undefined;
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

export const RATE_LIMITED_MESSAGE = 'Too many requests. Wait before trying again.';

/**
 * Express middleware: one count per HTTP request, keyed by `keyOf`. Over the limit it answers
 * 429 with a Retry-After header and a GraphQL-shaped error with code RATE_LIMITED.
 */
export function rateLimit(limiter: RateLimiter, keyOf: (req: Request) => string): RequestHandler {
  return async (req, res, next) => {
    const { allowed, retryAfterSeconds } = await limiter.consume(keyOf(req));
    if (allowed) {
      next();
      return;
    }
    res
      .status(429)
      .set('Retry-After', String(retryAfterSeconds))
      .json({
        errors: [{ message: RATE_LIMITED_MESSAGE, extensions: { code: ErrorCode.RATE_LIMITED } }],
      });
  };
}

/**
 * The key for a request with no user: `ip:<address>`. An IPv4 address seen as IPv6
 * (`::ffff:1.2.3.4`) counts as itself; an IPv6 address counts by its /64, the block one
 * subscriber usually holds, so rotating addresses inside it gains nothing. `req.ip` honours the
 * app's `trust proxy` setting.
 */
export function anonymousKey(req: Request): string {
  return `ip:${addressKey(req.ip ?? req.socket.remoteAddress ?? 'unknown')}`;
}

export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  // An embedded IPv4 tail (`::1.2.3.4`) is two groups.
  const hex = address
    .split('%')[0]
    .replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_all, a, b, c, d) =>
      [a * 256 + +b, c * 256 + +d].map((group) => group.toString(16)).join(':'),
    );
  const [head, tail] = hex.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
