import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIST_DIR } from '../../lib/paths';
import { SUBGRAPH_NAMES } from '../../lib/subgraphs';
import { Hub } from '../../scripts/hub';
import { type TestDatabases, createTestDatabases } from './databases';

export type Backend = 'embedded' | 'postgres';

/** Every backend this run can reach: always the embedded default, PostgreSQL when named. */
export function backends(): Backend[] {
  return process.env.TEST_POSTGRES_URL ? ['embedded', 'postgres'] : ['embedded'];
}

export const redisUrl = process.env.TEST_REDIS_URL;

export interface TestHub {
  hub: Hub;
  url: string;
  /** Where the embedded databases live (unused by PostgreSQL-backed hubs). */
  dataDir: string;
  stop(): Promise<void>;
}

/** The settings a developer's shell may hold that would point the test hub elsewhere. */
const HUB_VARIABLES = /^(NODE_ENV|HOST|DATA_DIR|LOG_LEVEL|REDIS_URL|.*_(PORT|URL|DATABASE_URL))$/;

function baseEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !HUB_VARIABLES.test(key)),
  );
}

/** The real hub, built from dist/, on free ports, with its own fresh databases. */
export async function startTestHub(
  backend: Backend,
  overrides: NodeJS.ProcessEnv = {},
): Promise<TestHub> {
  if (!existsSync(path.join(DIST_DIR, 'gateway', 'index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it for you).');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-test-'));
  let databases: TestDatabases | undefined;
  const env: NodeJS.ProcessEnv = {
    ...baseEnvironment(),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    GATEWAY_PORT: '0',
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0'])),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    ...overrides,
  };
  if (backend === 'postgres') {
    databases = await createTestDatabases(process.env.TEST_POSTGRES_URL as string);
    for (const name of SUBGRAPH_NAMES) {
      env[`${name.toUpperCase()}_DATABASE_URL`] = databases.urls[name];
    }
  }
  const cleanup = async () => {
    await databases?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const hub = await Hub.start({ env, seed: true, output: 'capture' });
    return {
      hub,
      url: hub.gatewayUrl,
      dataDir,
      stop: async () => {
        await hub.stop();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
