import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DIST_DIR } from '../lib/paths';
import { createTestDatabases } from '../test/support/databases';

// Seeds N people into fresh embedded databases, and into fresh PostgreSQL databases when a
// server is named, and prints the time and peak memory the seed itself reports.
//   npm run bench:seed -- --people 100000 [--postgres postgres://hub:hub@127.0.0.1:5432/postgres]

function run(label: string, people: string, env: NodeJS.ProcessEnv) {
  const seed = spawnSync(
    process.execPath,
    [path.join(DIST_DIR, 'seed', 'load.js'), '--people', people],
    {
      env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
      encoding: 'utf8',
    },
  );
  const summary = seed.stdout.trim().split('\n').at(-1) ?? '';
  if (seed.status !== 0) throw new Error(`${label}: seed failed\n${seed.stderr}`);
  process.stdout.write(`${label.padEnd(12)} ${summary.replace(/^seed: /, '')}\n`);
}

async function main() {
  const { values } = parseArgs({
    options: { people: { type: 'string', default: '100000' }, postgres: { type: 'string' } },
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-bench-seed-'));
  try {
    run('sqlite', values.people, { DATA_DIR: dataDir });
    if (values.postgres) {
      const databases = await createTestDatabases(values.postgres);
      try {
        const urls = Object.entries(databases.urls).map(([name, url]) => [
          `${name.toUpperCase()}_DATABASE_URL`,
          url,
        ]);
        run('postgresql', values.people, { DATA_DIR: dataDir, ...Object.fromEntries(urls) });
      } finally {
        await databases.drop();
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
