import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Purpose, Role } from '../lib/auth/roles';
import { ROOT_DIR } from '../lib/paths';
import { SUBGRAPH_NAMES } from '../lib/subgraphs';
import { Hub } from '../scripts/hub';
import { createTestDatabases, keptDatabases } from '../test/support/databases';
import { median } from './closed-loop';
import { productionKeys } from './production-keys';

// A reporting tool's full cohort query on a large seed, through the real gateway with a REPORTING
// token and disclosure control on: every release in the last 12 whole months, by month and
// establishment. Prints the seed and link time, the cohort's size and each run's time.
//   npm run bench:reporting -- --people 1000000 --postgres postgres://hub:hub@127.0.0.1:5432/postgres
// --keep NAME seeds into databases NAME_<service> and keeps them; a later run with the same NAME
// starts on them as they are (a million-person seed and link take the better part of an hour).

const DOCUMENT = readFileSync(
  path.join(ROOT_DIR, 'gateway', 'trusted-documents', 'CohortOutcomes.graphql'),
  'utf8',
);

function options() {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '100000' },
      postgres: { type: 'string' },
      runs: { type: 'string', default: '5' },
      keep: { type: 'string' },
    },
  });
  const people = Number(values.people);
  const runs = Number(values.runs);
  if (!Number.isInteger(people) || people < 1 || !Number.isInteger(runs) || runs < 1) {
    throw new Error('--people and --runs must be whole numbers of at least 1.');
  }
  if (values.keep && (!values.postgres || !/^[a-z][a-z0-9_]{0,40}$/.test(values.keep))) {
    throw new Error('--keep takes a lower-case name (letters, digits, _) and needs --postgres.');
  }
  return { people, runs, postgres: values.postgres, keep: values.keep };
}

/** The last 12 whole months before today, as YYYY-MM. */
function lastTwelveMonths(): { releasedFrom: string; releasedTo: string } {
  const now = new Date();
  const month = (back: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
  return { releasedFrom: month(12), releasedTo: month(1) };
}

async function main() {
  const settings = options();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-bench-reporting-'));
  const keys = await productionKeys(dataDir);
  const databases = settings.postgres
    ? settings.keep
      ? await keptDatabases(settings.postgres, settings.keep)
      : { ...(await createTestDatabases(settings.postgres)), existed: false }
    : null;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    ...keys.env,
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    // A million people's records outgrow Node's default heap while identity links them.
    NODE_OPTIONS: '--max-old-space-size=16384',
    LINK_SYNC_INTERVAL_MS: '3600000',
    SUBGRAPH_TIMEOUT_MS: '120000',
    ...Object.fromEntries(
      [...SUBGRAPH_NAMES, 'gateway'].map((name) => [`${name.toUpperCase()}_PORT`, '0']),
    ),
    ...Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, databases?.urls[name]]),
    ),
  };
  const started = Date.now();
  const hub = await Hub.start({
    env,
    serviceEnv: keys.serviceEnv,
    seed: !databases?.existed,
    seedArguments: ['--people', String(settings.people)],
    output: 'capture',
    readyTimeoutMs: 4 * 60 * 60_000,
  });
  try {
    const ready = ((Date.now() - started) / 1000).toFixed(0);
    const authorization = `Bearer ${await keys.userToken('bench-analyst', Role.REPORTING, 'ons', [Purpose.STATISTICS])}`;
    const variables = { filter: lastTwelveMonths(), groupBy: ['MONTH', 'ESTABLISHMENT'] };
    const ask = async () => {
      const begun = performance.now();
      const response = await fetch(`${hub.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: DOCUMENT, variables }),
      });
      const body = (await response.json()) as {
        data?: { cohortOutcomes: { rows: unknown[]; total: { released: { value: number } } } };
        errors?: { message: string }[];
      };
      if (!body.data) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
      return { ms: performance.now() - begun, table: body.data.cohortOutcomes };
    };
    const first = await ask();
    const times: number[] = [];
    for (let run = 0; run < settings.runs; run++) times.push((await ask()).ms);
    const backend = settings.postgres ? 'PostgreSQL' : 'embedded SQLite';
    process.stdout.write(
      [
        `${settings.people} people on ${backend}; ` +
          (databases?.existed
            ? `started on the kept databases (snapshot built) in ${ready} s`
            : `seeded, linked, keyed, snapshot built and started in ${ready} s`),
        `cohort: releases ${variables.filter.releasedFrom} to ${variables.filter.releasedTo}, ` +
          `by month and establishment: ${first.table.rows.length} rows, ` +
          `${first.table.total.released.value} releases (published, rounded)`,
        `first query ${first.ms.toFixed(0)} ms; then ${settings.runs} runs: median ` +
          `${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}–` +
          `${Math.max(...times).toFixed(0)}) (target < 1000 ms on PostgreSQL)`,
        '',
      ].join('\n'),
    );
  } finally {
    await hub.stop();
    if (!settings.keep) await databases?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
