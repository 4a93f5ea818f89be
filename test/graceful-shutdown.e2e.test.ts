import type { ChildProcess } from 'node:child_process';
import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../lib/database';
import { createDwpDatabase } from '../subgraphs/dwp/database';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { type TestHub, backends, startTestHub } from './support/hub';
import {
  type Answer,
  confirmed,
  lostWrites,
  send,
  startLoad,
  unauditedReads,
  unclean,
} from './support/load';

// SIGTERM drains: requests in flight finish and are answered whole, new ones are refused, the
// process exits 0 soon after, and every confirmed write and audited read is kept. A request is
// held in flight by holding the lock its write waits for, or by hanging (SIGSTOP) the service
// it waits on, then letting it go.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const EXIT_WITHIN_MS = 10_000;

function exited(child: ChildProcess): Promise<{ code: number | null; at: number }> {
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
}

/** Takes the write lock on vcs's readiness records until the returned function is called. */
async function holdWrites(database: DataSource): Promise<() => Promise<void>> {
  const runner = database.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(
    database.options.type === 'postgres'
      ? 'LOCK TABLE readiness_record IN EXCLUSIVE MODE'
      : 'UPDATE readiness_record SET note = note WHERE 0 = 1',
  );
  return async () => {
    await runner.commitTransaction();
    await runner.release();
  };
}

describe.each(backends())('graceful shutdown (%s)', (backend) => {
  let running: TestHub;
  let vcs: DataSource;
  let dwp: DataSource;

  beforeAll(async () => {
    running = await startTestHub(backend);
    vcs = await openDatabase(createVcsDatabase(running.settings('vcs')));
    dwp = await openDatabase(createDwpDatabase(running.settings('dwp')));
  });
  afterAll(async () => {
    if (vcs) await closeDatabase(vcs);
    if (dwp) await closeDatabase(dwp);
    await running?.stop();
  });

  it('a subgraph finishes the write it holds on SIGTERM, then exits 0', async () => {
    const vcsProcess = running.hub.process('vcs');
    const load = startLoad(running);
    await load.steady();
    // SQLite waits for a lock synchronously, which would hold up vcs's other requests too.
    const answers = await load.stop();
    // vcs holds this write while the test holds the table's write lock.
    const release = await holdWrites(vcs);
    const held = send(running, running.url, 'write');
    await pause(500);
    const exit = exited(vcsProcess);
    const stoppedAt = Date.now();
    const stopping = running.hub.stopService('vcs');
    await pause(300);
    await release();
    const [answer, { code, at }] = await Promise.all([held, exit]);
    const port = await stopping;
    await pause(500);
    await running.hub.startService('vcs', port);

    expect(answer).toMatchObject({
      status: 200,
      body: { data: { recordReadiness: { item: 'PHONE' } } },
    });
    expect(confirmed(answer)).toBe(true);
    expect(code).toBe(0);
    expect(at - stoppedAt).toBeLessThan(EXIT_WITHIN_MS);
    expect(unclean(answers)).toEqual([]);
    expect(await lostWrites([answer, ...answers], vcs)).toEqual([]);
    expect(await unauditedReads(answers, 'supportRecords', vcs)).toEqual([]);
  });

  it('a stopping subgraph still answers the calls its requests in flight make back to it', async () => {
    // A coordinator's write at vcs waits on identity (hung), which then asks vcs for the caseload.
    const identity = running.hub.process('identity');
    const vcsProcess = running.hub.process('vcs');
    identity.kill('SIGSTOP');
    const held = send(running, running.url, 'write');
    await pause(500);
    const exit = exited(vcsProcess);
    const stopping = running.hub.stopService('vcs');
    await pause(300);
    identity.kill('SIGCONT');
    const [answer, { code }] = await Promise.all([held, exit]);
    const port = await stopping;
    await running.hub.startService('vcs', port);
    await running.hub.waitUntilReady();

    expect(answer).toMatchObject({ status: 200, body: { data: { recordReadiness: {} } } });
    expect(answer.body?.errors).toBeUndefined();
    expect(confirmed(answer)).toBe(true);
    expect(code).toBe(0);
    expect(await lostWrites([answer], vcs)).toEqual([]);
  });

  it('the gateway answers requests in flight on SIGTERM, refuses new ones, then exits 0', async () => {
    const dwpProcess = running.hub.process('dwp');
    const gateway = running.hub.process('gateway');
    const url = running.url;
    // The read waits on dwp, hung.
    dwpProcess.kill('SIGSTOP');
    const held = send(running, url, 'read');
    await pause(300);
    const exit = exited(gateway);
    const stoppedAt = Date.now();
    const stopping = running.hub.stopService('gateway');
    await pause(300);
    const refused: Answer = await send(running, url, 'read');
    dwpProcess.kill('SIGCONT');
    const [answer, { code, at }] = await Promise.all([held, exit]);
    await stopping;
    await running.hub.startService('gateway');
    await running.hub.waitUntilReady();

    expect(confirmed(answer)).toBe(true);
    expect(answer.body?.data?.person).toMatchObject({
      claimant: { givenName: expect.any(String) },
    });
    expect(await unauditedReads([answer], 'claimant', dwp)).toEqual([]);
    expect(refused.status).toBe(0);
    expect(code).toBe(0);
    expect(at - stoppedAt).toBeLessThan(EXIT_WITHIN_MS);
  });
});
