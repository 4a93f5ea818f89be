import { createClient } from 'redis';
import type { Logger } from './logger';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A client that never makes a caller wait for a Redis that is down: commands fail at once while
 * it is disconnected (no offline queue), and it keeps reconnecting in the background.
 */
export function connectRedis(url: string, logger: Logger): RedisClient {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 1_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000),
    },
  });
  let healthy = true;
  client.on('error', (error: Error) => {
    if (healthy) logger.warn({ err: error }, 'redis unavailable; using in-process fallbacks');
    healthy = false;
  });
  client.on('ready', () => {
    if (!healthy) logger.info('redis reconnected');
    healthy = true;
  });
  client.connect().catch(() => undefined);
  return client;
}

export async function disconnectRedis(client: RedisClient | undefined): Promise<void> {
  if (!client) return;
  if (client.isReady) await client.close().catch(() => client.destroy());
  else if (client.isOpen) client.destroy();
}
