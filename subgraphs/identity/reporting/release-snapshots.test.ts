import { mkdtemp, rm } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../lib/config';
import { closeDatabase, openDatabase } from '../../../lib/database';
import { createLogger } from '../../../lib/logger';
import { createIdentityDatabase } from '../database';
import { ReleaseSnapshots } from './release-snapshots';
import type { SnapshotSpine } from './release-spine';

// A stop abandons a snapshot being built (minutes at scale) instead of waiting for it, and the
// snapshot reports were counting stays in use.

describe('a reporting snapshot being built when the service stops', () => {
  let dir: string;
  let database: DataSource;
  let moj: Server;
  let asked = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'snapshots-'));
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    database = await openDatabase(createIdentityDatabase(config.subgraphs.identity));
    // A controller that takes the call and never answers, as a build minutes long would.
    moj = createServer(() => asked++);
    await new Promise<void>((resolve) => moj.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    moj.closeAllConnections();
    await new Promise((resolve) => moj.close(resolve));
    await closeDatabase(database);
    await rm(dir, { recursive: true, force: true });
  });

  it('is abandoned at once, and the last snapshot stays', async () => {
    const { port } = moj.address() as AddressInfo;
    const config = loadConfig({
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      MOJ_URL: `http://127.0.0.1:${port}/graphql`,
    });
    const snapshots = new ReleaseSnapshots(database, config, createLogger('identity', config));
    const last = { snapshot: 1 } as unknown as SnapshotSpine;
    snapshots.current = last;
    const stopping = new AbortController();

    const building = snapshots.refresh(stopping.signal);
    while (!asked) await new Promise((resolve) => setTimeout(resolve, 10));
    const stoppedAt = Date.now();
    stopping.abort();
    await building;

    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    expect(snapshots.current).toBe(last);
  });
});
