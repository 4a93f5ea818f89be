import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Purpose, Role } from '../../lib/auth/roles';
import { Hub } from '../../scripts/hub';
import { asker, largestCaseload } from '../caseload';
import { type ProductionKeys, productionEnv, productionKeys } from '../production-keys';
import { type LoadPlan, type Tokens, loadRun } from './load';
import { type BenchOptions, benchOptions } from './options';
import { type CpuFigures, countingCpu } from './cpu';
import { noFigures, printReport } from './report';
import { type Stack, startStacks } from './stacks';
import { type QueryName, requestBody } from './workloads';

// Three gateways, one machine, one seed, the same questions: (a) our gateway with auth, access
// rules, audit and limits on; (b) a plain @apollo/gateway in @apollo/server with its defaults;
// (c) Hive Gateway's CLI with its defaults. (b) and (c) serve the same supergraph over the same
// subgraph schemas and databases with an empty access policy (bench/open-service.ts). Loopback
// only; runs bounded in time and requests, warm-up first, (a), (b), (c) in turn, each answer
// checked.
//   npm run bench:gateways -- --runs 5 --seconds 10 --connections 8 --people 10000
// Under `node --cpu-prof --cpu-prof-dir=D`, every forked service (not Hive) writes its profile.

async function mintTokens(keys: ProductionKeys, organisation: string, count: number) {
  const tokens: Tokens = { coordinator: [], reporting: [] };
  for (let i = 0; i < count; i++) {
    tokens.coordinator.push(
      await keys.userToken(`bench-coordinator-${i}`, Role.COORDINATOR, organisation, [
        Purpose.EMPLOYMENT_SUPPORT,
      ]),
    );
    tokens.reporting.push(
      await keys.userToken(`bench-analyst-${i}`, Role.REPORTING, 'ons', [Purpose.STATISTICS]),
    );
  }
  return tokens;
}

interface Data {
  person?: { id: string; givenName: string; familyName: string };
  myCaseload?: { totalCount: number; edges: { node: { person: { id: string } } }[] };
  serviceComparison?: { rows: unknown[] };
}

/**
 * What must be equal everywhere: who the person is, who is on the page, the whole report. The
 * rest may differ, as (a)'s coordinator is shown less than an empty policy shows (no other
 * charity's records).
 */
function comparable(query: QueryName, data: unknown): unknown {
  const { person, myCaseload, serviceComparison } = data as Data;
  if (query === 'person') return [person?.id, person?.givenName, person?.familyName];
  if (query === 'page') {
    return [myCaseload?.totalCount, myCaseload?.edges.map((edge) => edge.node.person.id)];
  }
  return serviceComparison;
}

/** Each question asked once of each gateway: the answers must agree before anything is timed. */
async function agreement(stacks: Stack[], plan: Omit<LoadPlan, 'reportRows'>) {
  const answers = new Map<QueryName, unknown[]>();
  for (const query of ['person', 'page', 'report'] as QueryName[]) {
    for (const stack of stacks) {
      const response = await fetch(stack.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${plan.tokens[query === 'report' ? 'reporting' : 'coordinator'][0]}`,
        },
        body: requestBody(query, 0, plan.caseload),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      if (response.status !== 200 || body.errors || !body.data) {
        throw new Error(`(${stack.label}) failed on ${query}: ${JSON.stringify(body)}`);
      }
      answers.set(query, [...(answers.get(query) ?? []), comparable(query, body.data)]);
    }
    const [first, ...others] = answers.get(query) as unknown[];
    if (!others.every((other) => isDeepStrictEqual(other, first))) {
      throw new Error(`the gateways disagree on ${query}: ${JSON.stringify(answers.get(query))}`);
    }
  }
  const reportRows = (answers.get('report')?.[0] as { rows: unknown[] }).rows.length;
  // An empty report is answered without counting anything: it would time nothing worth timing.
  if (reportRows === 0) throw new Error('The report counts no releases: seed more people.');
  return reportRows;
}

async function measure(stacks: Stack[], plan: LoadPlan, options: BenchOptions) {
  const figures = noFigures(stacks);
  const cpu: CpuFigures = new Map();
  const warm = { ...plan, seconds: options.warmup };
  for (const workload of options.workloads) {
    for (const stack of stacks) await loadRun(stack, workload, warm);
  }
  for (let run = 0; run < options.runs; run++) {
    for (const workload of options.workloads) {
      for (const stack of stacks) {
        const timed = () => loadRun(stack, workload, plan);
        figures.get(stack.label)?.[workload].push(await countingCpu(cpu, stack, workload, timed));
      }
    }
  }
  return { figures, cpu };
}

async function main() {
  const options = benchOptions();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-bench-gateways-'));
  let hub: Hub | undefined;
  let stopStacks: (() => Promise<void>) | undefined;
  try {
    const keys = await productionKeys(dataDir);
    // Reports are counted live here, which takes longer than the default subgraph timeout.
    const env = { ...productionEnv(keys, dataDir), SUBGRAPH_TIMEOUT_MS: '60000' };
    const started = Date.now();
    hub = await Hub.start({
      env,
      serviceEnv: keys.serviceEnv,
      seed: true,
      seedArguments: ['--people', `${options.people}`],
      output: 'capture',
      readyTimeoutMs: 30 * 60_000,
    });
    const token = (organisation: string) =>
      keys.userToken('bench-coordinator', Role.COORDINATOR, organisation, [
        Purpose.EMPLOYMENT_SUPPORT,
      ]);
    const askAs = async (organisation: string) =>
      asker(hub?.gatewayUrl as string, `Bearer ${await token(organisation)}`);
    const caseload = await largestCaseload(askAs, await askAs('bench'));
    if (!caseload.cursors.length) throw new Error('No charity has 100 people: seed more.');
    const ready = ((Date.now() - started) / 1000).toFixed(0);
    const tokens = await mintTokens(keys, caseload.organisation, options.maxRequests);
    const running = await startStacks(hub, env, keys.serviceEnv, caseload.organisation);
    stopStacks = running.stop;
    const plan = { caseload, tokens, ...options };
    const reportRows = await agreement(running.stacks, plan);
    const { figures, cpu } = await measure(running.stacks, { ...plan, reportRows }, options);
    printReport(running.stacks, figures, cpu, options.workloads, [
      `${options.people} people on embedded SQLite, seeded, linked and started in ${ready} s; ` +
        `${availableParallelism()} CPUs shared by the load, the gateways and the subgraphs`,
      `coordinator of the largest caseload (${caseload.total} people, ` +
        `${caseload.cursors.length} full pages); reporting tool for the service comparison`,
      `${options.runs} runs × ${options.seconds} s (at most ${options.maxRequests} requests) ` +
        `per workload and gateway after ${options.warmup} s warm-up each, ` +
        `${options.connections} connections, (a), (b), (c) in turn`,
      `(a) gets a distinct ES256 user token per request (${options.maxRequests} per role, minted ` +
        `before timing; none repeats within a run); (b) and (c) are sent them and ignore them`,
      `(a) rate limit checked per user and address on every request, set too high to refuse`,
      `(b) and (c) serve the same supergraph over the same schemas and databases, access policy ` +
        `empty; (b) with APOLLO_TELEMETRY_DISABLED=true (no network here to report usage over)`,
      'the three answered each question alike before timing',
      '',
    ]);
  } finally {
    await stopStacks?.();
    await hub?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
