import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Purpose, Role } from '../lib/auth/roles';
import { SUBGRAPH_NAMES } from '../lib/subgraphs';
import { Hub } from '../scripts/hub';
import { createTestDatabases } from '../test/support/databases';
import { type LoadFigures, closedLoop, median } from './closed-loop';
import { CASELOAD_PAGE, SINGLE_PERSON } from './person-view-queries';
import { productionKeys } from './production-keys';
import { asker, largestCaseload } from './caseload';

// A coordinator's two main reads on a large seed, through the real gateway and all four
// subgraphs: one person's joined view, and a 100-person caseload page carrying the same view per
// row. Embedded databases by default; PostgreSQL (and Redis) when named. Loopback only; every run
// is bounded in time and requests; the two reads alternate, so drift falls on both.
//   npm run bench:person-view -- --people 100000 [--postgres URL] [--redis URL]

function options() {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '100000' },
      postgres: { type: 'string' },
      redis: { type: 'string' },
      runs: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '4' },
    },
  });
  const numbers = {
    people: +values.people,
    runs: +values.runs,
    seconds: +values.seconds,
    connections: +values.connections,
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`--${name} must be a whole number of at least 1, not ${value}.`);
    }
  }
  return { ...numbers, postgres: values.postgres, redis: values.redis };
}

async function main() {
  const settings = options();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-bench-'));
  const keys = await productionKeys(dataDir);
  const databases = settings.postgres ? await createTestDatabases(settings.postgres) : null;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    ...keys.env,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    DATA_DIR: dataDir,
    GATEWAY_PORT: '0',
    // Linking runs once, at start; no background sync while the bench measures.
    LINK_SYNC_INTERVAL_MS: '3600000',
    ...(settings.redis ? { REDIS_URL: settings.redis } : {}),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0'])),
    ...Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, databases?.urls[name]]),
    ),
  };
  const started = Date.now();
  const hub = await Hub.start({
    env,
    serviceEnv: keys.serviceEnv,
    seed: true,
    seedArguments: ['--people', String(settings.people)],
    output: 'capture',
    readyTimeoutMs: 60 * 60_000,
  });
  try {
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const token = (organisation: string) =>
      keys.userToken('bench-coordinator', Role.COORDINATOR, organisation, [
        Purpose.EMPLOYMENT_SUPPORT,
      ]);
    const askAs = async (organisation: string) =>
      asker(hub.gatewayUrl, `Bearer ${await token(organisation)}`);
    const caseload = await largestCaseload(askAs, await askAs('bench'));
    if (caseload.cursors.length === 0) throw new Error('No charity has 100 people: seed more.');
    const single = (i: number) =>
      caseload
        .ask(SINGLE_PERSON, { id: caseload.people[i % caseload.people.length] })
        .then((body) => !body.errors && Boolean(body.data?.person));
    const page = (i: number) =>
      caseload
        .ask(CASELOAD_PAGE, { first: 100, after: caseload.cursors[i % caseload.cursors.length] })
        .then((body) => !body.errors && body.data?.myCaseload?.edges.length === 100);
    const bounds = { seconds: settings.seconds, connections: settings.connections };
    await closedLoop(single, { seconds: 3, connections: settings.connections });
    await closedLoop(page, { seconds: 3, connections: settings.connections });
    const figures = { single: [] as LoadFigures[], page: [] as LoadFigures[] };
    for (let run = 0; run < settings.runs; run++) {
      figures.single.push(await closedLoop(single, bounds));
      figures.page.push(await closedLoop(page, bounds));
    }
    report(settings, seconds, caseload, figures);
  } finally {
    await hub.stop();
    await databases?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function report(
  settings: ReturnType<typeof options>,
  startSeconds: string,
  caseload: { total: number; cursors: unknown[] },
  figures: { single: LoadFigures[]; page: LoadFigures[] },
) {
  const backend = settings.postgres
    ? `PostgreSQL${settings.redis ? ' + Redis' : ''}`
    : 'embedded SQLite';
  const cell = (runs: LoadFigures[], pick: (f: LoadFigures) => number) => {
    const values = runs.map(pick);
    const [low, high] = [Math.min(...values), Math.max(...values)];
    return `${median(values).toFixed(1)} (${low.toFixed(1)}–${high.toFixed(1)})`.padEnd(24);
  };
  const row = (name: string, runs: LoadFigures[]) =>
    `${name.padEnd(26)}${cell(runs, (f) => f.requestsPerSecond)}${cell(runs, (f) => f.p50)}` +
    `${cell(runs, (f) => f.p95)}${cell(runs, (f) => f.p99)}` +
    `${runs.reduce((sum, f) => sum + f.failures, 0)}/${runs.reduce((sum, f) => sum + f.requests, 0)}`;
  const ratio = median(figures.page.map((f) => f.p95)) / median(figures.single.map((f) => f.p95));
  process.stdout.write(
    [
      `${settings.people} people on ${backend}; seeded, linked and started in ${startSeconds} s`,
      `coordinator of the largest caseload (${caseload.total} people, ${caseload.cursors.length} full pages)`,
      `${settings.runs} runs × ${settings.seconds} s each, ${settings.connections} connections; median (min–max)`,
      `${''.padEnd(26)}${'requests/s'.padEnd(24)}${'p50 ms'.padEnd(24)}${'p95 ms'.padEnd(24)}${'p99 ms'.padEnd(24)}failed`,
      row('one person, joined view', figures.single),
      row('100-person caseload page', figures.page),
      `page p95 / single p95: ${ratio.toFixed(2)} (target ≤ 3)`,
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
