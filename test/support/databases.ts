import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../lib/subgraphs';

/** Fresh PostgreSQL databases, one per subgraph, on the server TEST_POSTGRES_URL names. */
export interface TestDatabases {
  urls: Record<SubgraphName, string>;
  drop(): Promise<void>;
}

async function onServer<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Autovacuum may be busy with a freshly loaded database, and FORCE may not stop it for us. */
async function dropDatabase(client: Client, database: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      return;
    } catch (error) {
      const privilege = (error as { code?: string }).code === '42501';
      if (!privilege || attempt === 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export async function createTestDatabases(adminUrl: string): Promise<TestDatabases> {
  return namedDatabases(adminUrl, `hub_test_${randomBytes(4).toString('hex')}`);
}

/**
 * Databases NAME_<service> for a benchmark to keep between runs: made if missing; `existed`
 * says whether all were there already (and so hold the last run's seed).
 */
export async function keptDatabases(
  adminUrl: string,
  name: string,
): Promise<TestDatabases & { existed: boolean }> {
  const names = SUBGRAPH_NAMES.map((service) => `${name}_${service}`);
  const found = await onServer(adminUrl, async (client) => {
    const result = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname = ANY($1)',
      [names],
    );
    return result.rows.length;
  });
  if (found === names.length) return { ...urlsOf(adminUrl, name), existed: true };
  return { ...(await namedDatabases(adminUrl, name)), existed: false };
}

async function namedDatabases(adminUrl: string, run: string): Promise<TestDatabases> {
  await onServer(adminUrl, async (client) => {
    for (const service of SUBGRAPH_NAMES) {
      await dropDatabase(client, `${run}_${service}`);
      await client.query(`CREATE DATABASE ${run}_${service}`);
    }
  });
  return urlsOf(adminUrl, run);
}

function urlsOf(adminUrl: string, run: string): TestDatabases {
  const names = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `${run}_${name}`]));
  const urlFor = (database: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  return {
    urls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, urlFor(names[name])])) as Record<
      SubgraphName,
      string
    >,
    drop: () =>
      onServer(adminUrl, async (client) => {
        for (const database of Object.values(names)) await dropDatabase(client, database);
      }),
  };
}
