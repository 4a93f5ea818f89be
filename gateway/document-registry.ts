import type { Logger } from '../lib/logger';
import type { RedisClient } from '../lib/redis';
import { documentId } from './document-manifest';

/** The Redis hash every gateway replica and the register command share: id → body. */
export const REGISTRY_KEY = 'trusted-documents';

// Long enough for a busy gateway's event loop; a Redis that is down is skipped at once (isReady).
const REDIS_TIMEOUT_MS = 1_000;
const DOCUMENT_ID = /^[0-9a-f]{64}$/;

/**
 * The trusted documents: the checked-in manifest, held in process, then whatever an operator
 * registered in Redis since. Redis down, slow or not configured leaves the manifest serving.
 */
export class DocumentRegistry {
  constructor(
    private readonly local: ReadonlyMap<string, string>,
    private readonly redis?: RedisClient,
    private readonly key = REGISTRY_KEY,
  ) {}

  /** The registered body with this id, or undefined when no registry that answers holds it. */
  async find(id: string): Promise<string | undefined> {
    if (!DOCUMENT_ID.test(id)) return undefined;
    const known = this.local.get(id);
    if (known !== undefined) return known;
    const shared = await this.onRedis((redis) => redis.hGet(this.key, id));
    // Ids are content hashes: a body that does not hash to its id was not registered by us.
    return shared && documentId(shared) === id ? shared : undefined;
  }

  /**
   * Writes the manifest to Redis now if it is up, and again whenever it reconnects (a restarted
   * Redis may have lost it). HSET of the same pairs is idempotent, so replicas may all do it.
   */
  share(logger: Logger): void {
    const redis = this.redis;
    if (!redis || this.local.size === 0) return;
    const publish = () => {
      redis
        .hSet(this.key, Object.fromEntries(this.local))
        .catch((error: Error) => logger.warn({ err: error }, 'could not share trusted documents'));
    };
    redis.on('ready', publish);
    if (redis.isReady) publish();
  }

  private async onRedis<T>(command: (redis: RedisClient) => Promise<T>): Promise<T | undefined> {
    if (!this.redis?.isReady) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, REDIS_TIMEOUT_MS, undefined);
    });
    try {
      const answer = command(this.redis);
      // A late failure, after the timeout has answered, must not be an unhandled rejection.
      answer.catch(() => undefined);
      return await Promise.race([answer, timeout]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Adds one document to the shared registry: every replica accepts it at once. */
export async function registerDocument(
  redis: RedisClient,
  body: string,
  key = REGISTRY_KEY,
): Promise<string> {
  const id = documentId(body);
  await redis.hSet(key, id, body);
  return id;
}
