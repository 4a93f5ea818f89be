import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../lib/auth/internal-token';
import { Purpose, type RequestContext, Role } from '../../lib/auth/roles';
import { mintDevToken } from '../../lib/auth/user-token';
import { type SubgraphSettings, loadConfig } from '../../lib/config';
import { DIST_DIR } from '../../lib/paths';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../lib/subgraphs';
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
  /**
   * An Authorization header value with a real token from this hub's dev key: by default a steward
   * answering a subject-access request, the one caller who may read every field.
   */
  authorization(
    role?: Role,
    options?: { organisation?: string; purposes?: Purpose[]; subject?: string },
  ): Promise<string>;
  /** One GraphQL request through the gateway as `role`, with a real token for it. */
  ask(
    query: string,
    variables: Record<string, unknown>,
    role: Role,
    options?: { organisation?: string; purposes?: Purpose[]; subject?: string },
  ): Promise<{ status: number; body: unknown }>;
  /** Where a subgraph's database is, to open it beside the running hub. */
  settings(subgraph: SubgraphName): SubgraphSettings;
  /** Headers for a direct subgraph call, signed as the gateway or a hub service would sign it. */
  internalHeaders(
    subgraph: SubgraphName,
    body: string,
    context: RequestContext,
  ): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** The settings a developer's shell may hold that would point the test hub elsewhere. */
const HUB_VARIABLES =
  /^(NODE_ENV|HOST|DATA_DIR|LOG_LEVEL|REDIS_URL|KEYS_DIR|AUTH_.*|INTERNAL_.*|RATE_LIMIT_.*|OTEL_.*|TRACE_.*|.*_(PORT|URL|DATABASE_URL))$/;

function baseEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !HUB_VARIABLES.test(key)),
  );
}

/**
 * The real hub, built from dist/, on free ports, with its own fresh databases: on PostgreSQL, on
 * the server `postgresUrl` names (a superuser's or a role that may create databases).
 */
export async function startTestHub(
  backend: Backend,
  overrides: NodeJS.ProcessEnv = {},
  seedArguments: string[] = [],
  postgresUrl = process.env.TEST_POSTGRES_URL,
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
    // Tests send far more requests a minute than a person would.
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0'])),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    ...overrides,
  };
  if (backend === 'postgres') {
    databases = await createTestDatabases(postgresUrl as string);
    for (const name of SUBGRAPH_NAMES) {
      env[`${name.toUpperCase()}_DATABASE_URL`] = databases.urls[name];
    }
  }
  const cleanup = async () => {
    await databases?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const hub = await startHub(env, seedArguments);
    const config = loadConfig(env);
    const authorization: TestHub['authorization'] = async (
      role = Role.DATA_STEWARD,
      options = {},
    ) => {
      const purposes =
        options.purposes ?? (role === Role.DATA_STEWARD ? [Purpose.SUBJECT_ACCESS] : undefined);
      const token = await mintDevToken(config, {
        role,
        organisation: options.organisation ?? 'test-organisation',
        purposes,
        subject: options.subject,
      });
      return `Bearer ${token}`;
    };
    return {
      hub,
      url: hub.gatewayUrl,
      dataDir,
      authorization,
      async ask(query, variables, role, options = {}) {
        const response = await fetch(`${hub.gatewayUrl}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: await authorization(role, options),
          },
          body: JSON.stringify({ query, variables }),
        });
        return { status: response.status, body: await response.json() };
      },
      settings: (subgraph) => config.subgraphs[subgraph],
      internalHeaders: async (subgraph, body, context) => ({
        'content-type': 'application/json',
        [INTERNAL_TOKEN_HEADER]: await signInternalToken(config, {
          audience: subgraph,
          context,
          body,
        }),
      }),
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

/**
 * The hub chooses free ports before its services bind them, so a test running beside this one
 * can take one first: then start again, on other ports, over the same (reset) seed.
 */
async function startHub(env: NodeJS.ProcessEnv, seedArguments: string[]): Promise<Hub> {
  for (let attempt = 1; ; attempt++) {
    const reset = attempt === 1 ? [] : ['--reset'];
    try {
      return await Hub.start({
        env,
        seed: true,
        seedArguments: [...seedArguments, ...reset],
        output: 'capture',
      });
    } catch (error) {
      if (attempt >= 3 || !(error as Error).message.includes('EADDRINUSE')) throw error;
    }
  }
}
