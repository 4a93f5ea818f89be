import autocannon from 'autocannon';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Purpose, Role } from '../lib/auth/roles';
import { SUBGRAPH_NAMES } from '../lib/subgraphs';
import { buildDemoWorld } from '../seed/demo';
import { Hub } from '../scripts/hub';
import { QUERY } from './joined-person-query';
import { median } from './closed-loop';
import { productionKeys } from './production-keys';

// Throughput and latency of the joined-person query through the real gateway and all four
// subgraphs on the embedded databases. Loopback only; every run is bounded in time.
//   npm run bench -- --runs 3 --seconds 10 --connections 16 [--otlp http://127.0.0.1:4318]
// --otlp turns tracing on, exporting every span to that collector.

interface RunFigures {
  requestsPerSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  requests: number;
  failures: number;
}

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      otlp: { type: 'string' },
    },
  });
  return {
    runs: +values.runs,
    seconds: +values.seconds,
    connections: +values.connections,
    otlp: values.otlp,
  };
}

async function measure(
  url: string,
  seconds: number,
  connections: number,
  authorization: string,
): Promise<RunFigures> {
  const ids = buildDemoWorld().people.map((person) => person.id);
  let next = 0;
  let failures = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ query: QUERY, variables: { id: ids[next++ % ids.length] } }),
        }),
        onResponse: (status, body) => {
          const answer = JSON.parse(body) as { errors?: unknown; data?: { person?: unknown } };
          if (status !== 200 || answer.errors || !answer.data?.person) failures++;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: failures + result.non2xx + result.errors,
  };
}

async function main() {
  const { runs, seconds, connections, otlp } = options();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-bench-'));
  const keys = await productionKeys(dataDir);
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    ...keys.env,
    LOG_LEVEL: 'warn',
    // One user asks far faster than a person would: the limiter runs but never refuses.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    DATA_DIR: dataDir,
    GATEWAY_PORT: '0',
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0'])),
    ...(otlp ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlp } : {}),
  };
  const hub = await Hub.start({ env, serviceEnv: keys.serviceEnv, seed: true, output: 'capture' });
  try {
    const authorization = `Bearer ${await keys.userToken('bench-steward', Role.DATA_STEWARD, 'bench', [Purpose.SUBJECT_ACCESS])}`;
    await measure(hub.gatewayUrl, 2, connections, authorization); // warm-up: plans, pools, keys
    const figures: RunFigures[] = [];
    for (let run = 0; run < runs; run++) {
      figures.push(await measure(hub.gatewayUrl, seconds, connections, authorization));
    }
    report(figures, { runs, seconds, connections, otlp });
  } finally {
    await hub.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function report(
  figures: RunFigures[],
  settings: { runs: number; seconds: number; connections: number; otlp?: string },
) {
  const column = (pick: (f: RunFigures) => number) => {
    const values = figures.map(pick);
    return `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
  };
  process.stdout.write(
    [
      `joined person through the gateway: ${settings.runs} runs × ${settings.seconds} s, ${settings.connections} connections, tracing ${settings.otlp ? `to ${settings.otlp}` : 'off'}`,
      `median (min–max) over runs`,
      `  requests/s   ${column((f) => f.requestsPerSecond)}`,
      `  p50 ms       ${column((f) => f.p50)}`,
      `  p97.5 ms     ${column((f) => f.p97_5)}`,
      `  p99 ms       ${column((f) => f.p99)}`,
      `  requests     ${figures.reduce((sum, f) => sum + f.requests, 0)}`,
      `  failures     ${figures.reduce((sum, f) => sum + f.failures, 0)} (non-200, GraphQL errors or missing person)`,
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
