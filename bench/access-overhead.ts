import autocannon from 'autocannon';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { Purpose, Role } from '../lib/auth/roles';
import { buildDemoWorld, charitiesSharing } from '../seed/demo';
import { Hub } from '../scripts/hub';
import { QUERY } from './joined-person-query';
import { type ProductionKeys, productionEnv, productionKeys } from './production-keys';
import { OpenHub } from './open-hub';

// What auth, rules and audit cost on the joined-person query: the same query, people and seeded
// databases through (a) the hub as deployed and (b) the same four subgraph schemas built with an
// empty access policy, served plainly behind a plain ApolloGateway over the same supergraph (see
// open-service.ts). Loopback only; every run is bounded in time; the runs of (a) and (b)
// alternate, so drift on the machine falls on both.
//   npm run bench:access -- --runs 3 --seconds 10 --connections 16 [--caller steward]

interface RunFigures {
  requestsPerSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  requests: number;
  failures: number;
}

type Caller = 'coordinator' | 'steward';

/** One person the bench asks about, and who asks in (a). */
interface Target {
  id: string;
  /** `Bearer …` for the real hub; the open hub needs none. */
  authorization: string;
}

interface PersonAnswer {
  givenName?: string;
  familyName?: string;
  claimant?: { nino?: string } | null;
  prisoner?: { prisonNumber?: string } | null;
  probationCase?: { crn?: string } | null;
}

interface Answer {
  errors?: unknown;
  data?: { person?: PersonAnswer | null };
}

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      warmup: { type: 'string', default: '3' },
      caller: { type: 'string', default: 'coordinator' },
    },
  });
  const numbers = {
    runs: +values.runs,
    seconds: +values.seconds,
    connections: +values.connections,
    warmup: +values.warmup,
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a whole number ≥ 1`);
  }
  if (values.caller !== 'coordinator' && values.caller !== 'steward') {
    throw new Error('--caller must be coordinator or steward');
  }
  return { ...numbers, caller: values.caller as Caller };
}

/**
 * Coordinator: each person the demo world shares with some charity, asked about by a coordinator
 * of the first such charity (one token per charity), who may see them. Steward: every person,
 * asked about by one data steward for a subject-access request.
 */
async function targets(caller: Caller, keys: ProductionKeys): Promise<Target[]> {
  const world = buildDemoWorld();
  if (caller === 'steward') {
    const token = await keys.userToken('bench-steward', Role.DATA_STEWARD, 'bench', [
      Purpose.SUBJECT_ACCESS,
    ]);
    return world.people.map((person) => ({ id: person.id, authorization: `Bearer ${token}` }));
  }
  const tokens = new Map<string, string>();
  const list: Target[] = [];
  for (const person of world.people) {
    const charity = charitiesSharing(world, person)[0];
    if (!charity) continue;
    if (!tokens.has(charity)) {
      const token = await keys.userToken(
        `bench-coordinator-${charity}`,
        Role.COORDINATOR,
        charity,
        [Purpose.EMPLOYMENT_SUPPORT],
      );
      tokens.set(charity, `Bearer ${token}`);
    }
    list.push({ id: person.id, authorization: tokens.get(charity) as string });
  }
  if (!list.length) throw new Error('no demo person is shared with any charity');
  return list;
}

const body = (id: string) => JSON.stringify({ query: QUERY, variables: { id } });

function failed(status: number, answer: Answer | null): boolean {
  return status !== 200 || !answer || answer.errors !== undefined || !answer.data?.person;
}

async function ask(url: string, id: string, authorization?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: body(id),
  });
  const text = await response.text();
  let answer: Answer | null = null;
  try {
    answer = JSON.parse(text) as Answer;
  } catch {
    // counted as a failure below
  }
  return { status: response.status, answer, text };
}

/**
 * Both hubs must serve the same data: every target asked once of each. Who the person is and
 * their claimant must agree everywhere; whole answers may differ where the caller in (a) is shown
 * less (a coordinator does not see other charities' records), and are counted.
 */
async function compareAnswers(real: string, open: string, list: Target[]) {
  let whole = 0;
  for (const target of list) {
    const a = await ask(real, target.id, target.authorization);
    const b = await ask(open, target.id);
    if (failed(a.status, a.answer)) throw new Error(`(a) failed on ${target.id}: ${a.text}`);
    if (failed(b.status, b.answer)) throw new Error(`(b) failed on ${target.id}: ${b.text}`);
    const pa = a.answer?.data?.person as PersonAnswer;
    const pb = b.answer?.data?.person as PersonAnswer;
    const key = (p: PersonAnswer) => [
      p.givenName,
      p.familyName,
      p.claimant?.nino ?? null,
      p.prisoner?.prisonNumber ?? null,
      p.probationCase?.crn ?? null,
    ];
    if (!isDeepStrictEqual(key(pa), key(pb))) {
      throw new Error(
        `(a) and (b) disagree on ${target.id}: ${JSON.stringify(key(pa))} vs ${JSON.stringify(key(pb))}`,
      );
    }
    if (isDeepStrictEqual(pa, pb)) whole++;
  }
  return { asked: list.length, whole };
}

async function measure(
  url: string,
  seconds: number,
  connections: number,
  list: Target[],
  authorised: boolean,
): Promise<RunFigures> {
  let next = 0;
  let failures = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const target = list[next++ % list.length];
          return {
            ...request,
            headers: authorised
              ? { ...request.headers, authorization: target.authorization }
              : request.headers,
            body: body(target.id),
          };
        },
        onResponse: (status, text) => {
          let answer: Answer | null = null;
          try {
            answer = JSON.parse(text) as Answer;
          } catch {
            // counted below
          }
          if (failed(status, answer)) failures++;
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
    // Every answer was checked above; errors and timeouts are requests that got none.
    failures: failures + result.errors + result.timeouts,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  const settings = options();
  const { runs, seconds, connections, warmup, caller } = settings;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-bench-access-'));
  let real: Hub | undefined;
  let open: OpenHub | undefined;
  try {
    const keys = await productionKeys(dataDir);
    const env = productionEnv(keys, dataDir);
    const list = await targets(caller, keys);
    // The real hub seeds the databases and links the person index; the open one then serves the
    // same files. Between runs the idle hub does nothing (no feed pulls).
    real = await Hub.start({ env, serviceEnv: keys.serviceEnv, seed: true, output: 'capture' });
    open = await OpenHub.start(env, { serviceEnv: keys.serviceEnv });
    const agreement = await compareAnswers(real.gatewayUrl, open.gatewayUrl, list);

    const stacks = [
      { url: real.gatewayUrl, authorised: true, figures: [] as RunFigures[] },
      { url: open.gatewayUrl, authorised: false, figures: [] as RunFigures[] },
    ];
    // Warm-up: query plans, connection pools, keys, JIT.
    for (const stack of stacks)
      await measure(stack.url, warmup, connections, list, stack.authorised);
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? stacks : [...stacks].reverse();
      for (const stack of order) {
        stack.figures.push(await measure(stack.url, seconds, connections, list, stack.authorised));
      }
    }
    report(stacks[0].figures, stacks[1].figures, { ...settings, list, agreement });
  } finally {
    await Promise.all([real?.stop(), open?.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  }
}

function report(
  a: RunFigures[],
  b: RunFigures[],
  settings: ReturnType<typeof options> & {
    list: Target[];
    agreement: { asked: number; whole: number };
  },
) {
  const { runs, seconds, connections, warmup, caller, list, agreement } = settings;
  const cell = (figures: RunFigures[], pick: (f: RunFigures) => number) => {
    const values = figures.map(pick);
    const range = `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;
    return `${median(values).toFixed(1)} (${range})`.padEnd(24);
  };
  // The ratio of the medians, then the range of each run's own ratio: (a) and (b) of one run
  // ran back to back, so a paired ratio shows how much the machine moved between runs.
  const row = (label: string, pick: (f: RunFigures) => number) => {
    const ratio = median(a.map(pick)) / median(b.map(pick));
    const paired = a.map((f, run) => pick(f) / pick(b[run]));
    const range = `${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)}`;
    return `  ${label.padEnd(12)} ${cell(a, pick)} ${cell(b, pick)} ${ratio.toFixed(2)} (${range})`;
  };
  const total = (figures: RunFigures[], pick: (f: RunFigures) => number) =>
    `${figures.reduce((sum, f) => sum + pick(f), 0)}`.padEnd(24);
  const charities = new Set(list.map((target) => target.authorization)).size;
  const who =
    caller === 'coordinator'
      ? `a COORDINATOR of the first charity sharing each person (${list.length} people, ${charities} charities)`
      : `one DATA_STEWARD for SUBJECT_ACCESS (${list.length} people)`;
  process.stdout.write(
    [
      `joined person: (a) the hub with auth, rules and audit vs (b) the same subgraphs and supergraph without`,
      `(a) asked as ${who}; (b) unauthenticated`,
      `${runs} runs × ${seconds} s each, ${connections} connections, ${warmup} s warm-up each, (a) and (b) alternating`,
      `answers checked first: ${agreement.asked} people asked of both, name and claimant NINO equal for all, whole answer equal for ${agreement.whole}`,
      '',
      `  ${''.padEnd(12)} ${'(a) with access'.padEnd(24)} ${'(b) without'.padEnd(24)} a/b of medians`,
      `  ${''.padEnd(12)} ${'median (min–max)'.padEnd(24)} ${'median (min–max)'.padEnd(24)} (min–max per run)`,
      row('requests/s', (f) => f.requestsPerSecond),
      row('p50 ms', (f) => f.p50),
      row('p97.5 ms', (f) => f.p97_5),
      row('p99 ms', (f) => f.p99),
      `  ${'requests'.padEnd(12)} ${total(a, (f) => f.requests)} ${total(b, (f) => f.requests)}`,
      `  ${'failures'.padEnd(12)} ${total(a, (f) => f.failures)} ${total(b, (f) => f.failures)}`,
      `  failures: non-200, GraphQL errors, missing person, socket errors or timeouts`,
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
