import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { SubgraphSettings } from '../../../lib/config';
import { closeDatabase, openDatabase } from '../../../lib/database';
import { createTestDatabases } from '../../../test/support/databases';
import { createMojDatabase } from '../database';

export type Engine = 'sqlite' | 'postgres';

/** Every engine a run can reach: SQLite always, PostgreSQL when it names a server (its URL). */
export const engines = (postgresUrl: string | undefined): Engine[] =>
  postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, migrated moj database on `engine`, and how to be rid of it. */
export async function freshMojDatabase(
  engine: Engine,
  postgresUrl = '',
): Promise<{ database: DataSource; drop: () => Promise<void> }> {
  let settings: SubgraphSettings;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const databases = await createTestDatabases(postgresUrl);
    settings = { port: 0, url: 'http://unused', databaseUrl: databases.urls.moj, sqliteFile: '' };
    cleanup = () => databases.drop();
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'hub-moj-'));
    settings = { port: 0, url: 'http://unused', sqliteFile: path.join(dir, 'moj.sqlite') };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
  const database = await openDatabase(createMojDatabase(settings));
  return {
    database,
    drop: async () => {
      await closeDatabase(database);
      await cleanup();
    },
  };
}
