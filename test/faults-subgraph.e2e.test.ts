import request from 'supertest';
import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../lib/database';
import { createDwpDatabase } from '../subgraphs/dwp/database';
import { createMojDatabase } from '../subgraphs/moj/database';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { type TestHub, backends, startTestHub } from './support/hub';
import {
  type Answer,
  type Load,
  confirmed,
  errorCodes,
  lostWrites,
  startLoad,
  unauditedReads,
  unclean,
} from './support/load';

// Faults in a domain subgraph under a steady load through the gateway: the answers go on with
// what the other controllers hold, each request is bounded by the subgraph timeout, and the hub
// recovers by itself once the subgraph is back.

const TIMEOUT_MS = 1_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readiness(running: TestHub) {
  return request(running.url).get('/readyz');
}

/** Waits (at most `withinMs`) until `count` answers have come since `from`. */
async function answersSince(load: Load, from: number, count: number, withinMs = 15_000) {
  const started = Date.now();
  while (load.answers.length < from + count && Date.now() - started < withinMs) await pause(100);
}

async function untilReady(running: TestHub, withinMs: number): Promise<number> {
  const started = Date.now();
  while ((await readiness(running)).status !== 200) {
    if (Date.now() - started > withinMs) throw new Error(`not ready within ${withinMs} ms`);
    await pause(100);
  }
  return Date.now() - started;
}

const serviceErrors = (answer: Answer) =>
  (answer.body?.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.service]);

describe.each(backends())('a domain subgraph fails under load (%s)', (backend) => {
  let running: TestHub;
  const databases: DataSource[] = [];
  let vcs: DataSource;

  beforeAll(async () => {
    running = await startTestHub(backend, { SUBGRAPH_TIMEOUT_MS: `${TIMEOUT_MS}` });
    const open = (database: DataSource) => openDatabase(database).then((d) => databases.push(d));
    await open((vcs = createVcsDatabase(running.settings('vcs'))));
    await open(createDwpDatabase(running.settings('dwp')));
    await open(createMojDatabase(running.settings('moj')));
  });
  afterAll(async () => {
    for (const database of databases) await closeDatabase(database);
    await running?.stop();
  });

  /** Nothing confirmed is lost: every confirmed write is kept, every answered read audited. */
  async function expectNothingLost(answers: Answer[]) {
    const [dwp, moj] = databases.slice(1);
    expect(await lostWrites(answers, vcs)).toEqual([]);
    expect(await unauditedReads(answers, 'claimant', dwp)).toEqual([]);
    expect(await unauditedReads(answers, 'prisoner', moj)).toEqual([]);
    expect(await unauditedReads(answers, 'supportRecords', vcs)).toEqual([]);
  }

  it('goes on without a stopped subgraph, names it in /readyz, and recovers when it returns', async () => {
    const load = startLoad(running);
    await load.steady();
    const port = await running.hub.stopService('moj');
    const stoppedAt = load.answers.length;
    await pause(2_000);
    const down = await readiness(running);
    await running.hub.startService('moj', port);
    const recoveredInMs = await untilReady(running, 15_000);
    const backAt = load.answers.length;
    await answersSince(load, backAt, 12);
    const answers = await load.stop();

    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', unavailable: ['moj'] });
    expect(recoveredInMs).toBeLessThan(15_000);
    expect(unclean(answers)).toEqual([]);
    expect(answers.every((a) => a.status === 200 && a.ms < TIMEOUT_MS + 2_000)).toBe(true);
    // While it was down, reads still had the person and the other controllers' records, with an
    // error naming the missing one; writes to vcs went on.
    const during = answers.slice(stoppedAt + 8, backAt);
    const partial = during.filter((a) => a.kind === 'read' && !confirmed(a));
    expect(partial.length).toBeGreaterThan(0);
    for (const answer of partial) {
      // The errors ride along, so a failure shows why the person was missing.
      expect({ ...answer.body?.data, errors: answer.body?.errors }).toMatchObject({
        person: { prisoner: null, claimant: { givenName: expect.any(String) } },
      });
      expect(new Set(serviceErrors(answer).map(String))).toEqual(
        new Set([String(['UPSTREAM_UNAVAILABLE', 'moj'])]),
      );
    }
    expect(during.filter((a) => a.kind === 'write').every(confirmed)).toBe(true);
    // Once it was back, every answer was whole again.
    const after = answers.slice(backAt + 4);
    expect(after.length).toBeGreaterThan(4);
    expect(after.every(confirmed)).toBe(true);
    await expectNothingLost(answers);
  });

  it('bounds each request by the timeout while a subgraph hangs, with no pile-up after', async () => {
    const dwp = running.hub.process('dwp');
    const load = startLoad(running);
    await load.steady();
    dwp.kill('SIGSTOP');
    // Requests sent before dwp hung may have had its answer already: only later ones count.
    const hungFrom = Date.now() - load.started + 50;
    let mostInFlight = 0;
    const sampling = setInterval(() => (mostInFlight = Math.max(mostInFlight, load.inFlight)), 20);
    await pause(4 * TIMEOUT_MS);
    const hung = load.answers.filter((a) => a.at >= hungFrom);
    dwp.kill('SIGCONT');
    const resumedFrom = Date.now() - load.started;
    await pause(2_000);
    await answersSince(load, load.answers.length, 12);
    clearInterval(sampling);
    const answers = await load.stop();

    expect(unclean(answers)).toEqual([]);
    // Each caller waited about the timeout, not longer: the gateway answered without dwp.
    expect(answers.every((a) => a.status === 200 && a.ms < TIMEOUT_MS + 1_500)).toBe(true);
    const timedOut = hung.filter((a) => a.kind === 'read');
    expect(timedOut.length).toBeGreaterThan(2);
    for (const answer of timedOut) {
      expect(answer.body?.data?.person).toMatchObject({
        claimant: null,
        prisoner: expect.anything(),
      });
      expect(serviceErrors(answer)).toContainEqual(['UPSTREAM_UNAVAILABLE', 'dwp']);
    }
    expect(errorCodes(hung)).toEqual({ UPSTREAM_UNAVAILABLE: timedOut.length });
    expect(mostInFlight).toBeLessThanOrEqual(4);
    // Right after it resumed, the requests dwp had queued did not hold new ones up.
    const after = answers.filter((a) => a.at >= resumedFrom);
    expect(after.length).toBeGreaterThan(8);
    expect(after.every(confirmed)).toBe(true);
    // A pile-up would hold most of them for seconds; a loaded machine may slow one a little.
    const times = after.map((a) => a.ms).sort((x, y) => x - y);
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(TIMEOUT_MS / 2);
    expect(times.at(-1)).toBeLessThan(TIMEOUT_MS + 500);
    await expectNothingLost(answers);
  });
});
