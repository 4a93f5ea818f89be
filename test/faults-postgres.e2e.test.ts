import request from 'supertest';
import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../lib/database';
import { createDwpDatabase } from '../subgraphs/dwp/database';
import { createMojDatabase } from '../subgraphs/moj/database';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { type TestHub, startTestHub } from './support/hub';
import {
  confirmed,
  errorCodes,
  lostWrites,
  startLoad,
  unauditedReads,
  unclean,
} from './support/load';
import { PrivatePostgres, postgresBinaries } from './support/private-servers';

// PostgreSQL restarts under a steady load through the gateway, on a cluster of this test's own:
// requests fail cleanly while it is down and succeed after it, without restarting the hub.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (!postgresBinaries()) {
  process.stdout.write('PostgreSQL restart test skipped: no /usr/lib/postgresql/*/bin/pg_ctl\n');
}

(postgresBinaries() ? describe : describe.skip)('PostgreSQL restarts under load', () => {
  let cluster: PrivatePostgres;
  let running: TestHub;

  beforeAll(async () => {
    cluster = (await PrivatePostgres.start()) as PrivatePostgres;
    running = await startTestHub('postgres', {}, [], cluster.adminUrl);
  });
  afterAll(async () => {
    await running?.stop();
    await cluster?.destroy();
  });

  it('fails requests cleanly while it is down and serves again once it is back', async () => {
    const load = startLoad(running);
    await load.steady();
    await cluster.stop();
    const downAt = load.answers.length;
    await pause(2_500);
    const down = await request(running.url).get('/readyz');
    // Taken before the start: answers that come while it starts may already be served.
    const upAt = load.answers.length;
    await cluster.start();
    await load.steady(4, 30_000);
    const recoveredAt = load.answers.length;
    await pause(1_500);
    const answers = await load.stop();
    const ready = await request(running.url).get('/readyz');

    expect(unclean(answers)).toEqual([]);
    // No caller waited long: a refused connection fails at once.
    expect(answers.every((a) => a.status === 200 && a.ms < 5_000)).toBe(true);
    const during = answers.slice(downAt + 4, upAt);
    expect(during.length).toBeGreaterThan(4);
    expect(during.filter(confirmed)).toEqual([]);
    // Each says which service's database is away and to try again.
    expect(Object.keys(errorCodes(during))).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(during.flatMap((a) => a.body?.errors ?? []).map((e) => e.message)).toContainEqual(
      expect.stringMatching(/database is not answering; try again shortly/),
    );
    expect(down.status).toBe(503);
    expect(down.body.unavailable).toEqual(['identity', 'dwp', 'moj', 'vcs']);
    expect(answers.slice(recoveredAt).every(confirmed)).toBe(true);
    expect(ready.body).toMatchObject({ status: 'ready' });

    const opened: DataSource[] = [];
    try {
      const open = async (database: DataSource) => {
        opened.push(await openDatabase(database));
        return database;
      };
      const vcs = await open(createVcsDatabase(running.settings('vcs')));
      const dwp = await open(createDwpDatabase(running.settings('dwp')));
      const moj = await open(createMojDatabase(running.settings('moj')));
      expect(await lostWrites(answers, vcs)).toEqual([]);
      expect(await unauditedReads(answers, 'claimant', dwp)).toEqual([]);
      expect(await unauditedReads(answers, 'prisoner', moj)).toEqual([]);
      expect(await unauditedReads(answers, 'supportRecords', vcs)).toEqual([]);
    } finally {
      for (const database of opened) await closeDatabase(database);
    }
  });
});
