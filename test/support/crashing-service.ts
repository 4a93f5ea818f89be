import { createServer } from 'node:http';
import { runService } from '../../lib/service';

/**
 * A service that starts, then meets an error nothing catches, for lib/service.test.ts:
 * `node -r ./test/support/register-ts.js test/support/crashing-service.ts <throw|reject>`.
 */
void runService('crashing', async () => {
  const server = createServer().listen(0, '127.0.0.1');
  const how = process.argv[2];
  setTimeout(() => {
    if (how === 'reject') void Promise.reject(new Error('a promise nobody awaited'));
    else throw new Error('a callback that threw');
  }, 10);
  return { port: 0, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
});
