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
  const run = `hub_test_${randomBytes(4).toString('hex')}`;
  const names = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `${run}_${name}`]));
  await onServer(adminUrl, async (client) => {
    for (const database of Object.values(names)) await client.query(`CREATE DATABASE ${database}`);
  });
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
