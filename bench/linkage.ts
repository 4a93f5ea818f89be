import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config';
import { closeDatabase, openDatabase } from '../lib/database';
import { createLogger } from '../lib/logger';
import { DIST_DIR } from '../lib/paths';
import { Hub } from '../scripts/hub';
import { createIdentityDatabase } from '../subgraphs/identity/database';
import { LinkageService } from '../subgraphs/identity/linking/linkage-service';
import { type FullRunSummary, LAST_FULL_RUN } from '../subgraphs/identity/linking/full-run';
import { loadSourceRecords, readState } from '../subgraphs/identity/linking/linkage-store';

// Seeds N people, starts the hub on them and times identity's first pull-and-link (feeds over
// HTTP, full Fellegi-Sunter run, write-back); then, with the hub stopped, links new charity
// records one at a time as they would arrive and prints the latency per record.
//   npm run bench:linkage -- --people 100000 [--arrivals 500]

async function main() {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '100000' },
      arrivals: { type: 'string', default: '500' },
    },
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-bench-linkage-'));
  // A million people's records and candidate pairs outgrow Node's default 4 GB heap: the hub's
  // services get a larger one here, and this process its own from the npm script.
  const env = {
    PATH: process.env.PATH,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_OPTIONS: '--max-old-space-size=16384',
  };
  try {
    const seed = spawnSync(
      process.execPath,
      [path.join(DIST_DIR, 'seed', 'load.js'), '--people', values.people],
      {
        env,
        encoding: 'utf8',
      },
    );
    if (seed.status !== 0) throw new Error(`seed failed:\n${seed.stderr}`);
    process.stdout.write(`${seed.stdout.trim()}\n`);

    const started = Date.now();
    const hub = await Hub.start({
      env: {
        ...env,
        GATEWAY_PORT: '0',
        IDENTITY_PORT: '0',
        DWP_PORT: '0',
        MOJ_PORT: '0',
        VCS_PORT: '0',
      },
      seed: false,
      readyTimeoutMs: 60 * 60 * 1000,
      output: 'capture',
    });
    const linkedIn = (Date.now() - started) / 1000;
    await hub.stop();
    const fullRun = await lastFullRun(dataDir);
    process.stdout.write(
      [
        `first pull and link of every record, hub start to ready: ${linkedIn.toFixed(1)} s`,
        `  of which the full linking run (load, block, compare, EM, cluster, write): ` +
          `${fullRun.seconds.toFixed(1)} s for ${fullRun.records} records into ` +
          `${fullRun.people} people (${fullRun.pairsCompared} pairs compared)`,
        '',
      ].join('\n'),
    );
    await arrivals(dataDir, Number(values.arrivals));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function lastFullRun(dataDir: string): Promise<FullRunSummary> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const database = await openDatabase(createIdentityDatabase(config.subgraphs.identity));
  try {
    const summary = await readState<FullRunSummary>(database, LAST_FULL_RUN);
    if (!summary) throw new Error('identity finished no full run');
    return summary;
  } finally {
    await closeDatabase(database);
  }
}

/** New charity records, each a re-typed copy of an existing one, linked one by one. */
async function arrivals(dataDir: string, count: number) {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const database = await openDatabase(createIdentityDatabase(config.subgraphs.identity));
  try {
    const service = new LinkageService(
      database,
      config,
      createLogger('bench', config),
      LinkageService.settings(config),
    );
    const existing = (await loadSourceRecords(database)).filter((r) => r.source === 'vcs');
    const loading = Date.now();
    await service.linkOne({
      ...existing[0],
      sourceId: 'bench-warm-up',
      updatedAt: new Date().toISOString(),
    });
    process.stdout.write(
      `in-memory index built in ${((Date.now() - loading) / 1000).toFixed(1)} s\n`,
    );
    const timings: number[] = [];
    for (let i = 0; i < count; i++) {
      const model = existing[(i * 7919) % existing.length];
      const start = process.hrtime.bigint();
      await service.linkOne({
        ...model,
        sourceId: `bench-${i}`,
        familyName: i % 3 === 0 ? typoOf(model.familyName, i) : model.familyName,
        updatedAt: new Date().toISOString(),
      });
      timings.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    timings.sort((a, b) => a - b);
    const at = (q: number) =>
      timings[Math.min(timings.length - 1, Math.floor(q * timings.length))].toFixed(1);
    process.stdout.write(
      `one arriving record linked (score, decide, write): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms over ${count}\n`,
    );
  } finally {
    await closeDatabase(database);
  }
}

/** A deterministic one-letter slip, like the seed's. */
function typoOf(name: string, i: number): string {
  if (name.length < 4) return name;
  const at = 1 + (i % (name.length - 2));
  return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
