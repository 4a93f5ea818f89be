import {
  InMemoryLRUCache,
  type KeyValueCache,
  type KeyValueCacheSetOptions,
} from '@apollo/utils.keyvaluecache';
import { countCacheLookup } from './operation-metrics';
import type { RedisClient } from './redis';

const REDIS_TIMEOUT_MS = 250;

/**
 * Apollo's cache interface over Redis, shared by every gateway replica, with an in-process
 * copy that answers whenever Redis is slow, down or not configured.
 */
export class SharedCache implements KeyValueCache<string> {
  private readonly local = new InMemoryLRUCache<string>();

  constructor(
    private readonly redis: RedisClient | undefined,
    private readonly prefix = 'hub:',
  ) {}

  async get(key: string): Promise<string | undefined> {
    const shared = await this.onRedis((redis) => redis.get(this.prefix + key));
    const found = shared ?? (await this.local.get(key));
    countCacheLookup('gateway', found !== undefined);
    return found;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    await this.local.set(key, value, options);
    const ttl = options?.ttl ? { EX: Math.ceil(options.ttl) } : undefined;
    await this.onRedis((redis) => redis.set(this.prefix + key, value, ttl));
  }

  async delete(key: string): Promise<void> {
    await this.local.delete(key);
    await this.onRedis((redis) => redis.del(this.prefix + key));
  }

  private async onRedis<T>(command: (redis: RedisClient) => Promise<T>): Promise<T | undefined> {
    if (!this.redis?.isReady) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, REDIS_TIMEOUT_MS, undefined);
    });
    try {
      return await Promise.race([command(this.redis), timeout]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
