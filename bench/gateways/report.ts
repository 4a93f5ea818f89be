import { type LoadFigures, median } from '../closed-loop';
import { type CpuFigures, cpuTable } from './cpu';
import { WORKLOADS, type Workload } from './load';
import type { Stack } from './stacks';
import { QUERY_LABELS } from './workloads';

/** Each stack's figures, run by run, for each workload. */
export type Figures = Map<Stack['label'], Record<Workload, LoadFigures[]>>;

export function noFigures(stacks: Stack[]): Figures {
  const empty = () => Object.fromEntries(WORKLOADS.map((w) => [w, []])) as unknown;
  return new Map(stacks.map((stack) => [stack.label, empty() as Record<Workload, LoadFigures[]>]));
}

const WIDTH = 22;
const LABELS: Record<Workload, string> = { ...QUERY_LABELS, mix: 'the mix, in turn' };

function cell(runs: LoadFigures[], pick: (f: LoadFigures) => number): string {
  const values = runs.map(pick);
  const range = `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
  return `${median(values).toFixed(1)} (${range})`.padEnd(WIDTH);
}

/** The ratio of (a)'s median to another's: above 1 is (a) ahead on throughput, behind on time. */
function ratio(a: LoadFigures[], other: LoadFigures[], pick: (f: LoadFigures) => number) {
  return (median(a.map(pick)) / median(other.map(pick))).toFixed(2).padEnd(8);
}

const MEASURES: [string, (f: LoadFigures) => number][] = [
  ['req/s', (f) => f.requestsPerSecond],
  ['p50 ms', (f) => f.p50],
  ['p95 ms', (f) => f.p95],
  ['p99 ms', (f) => f.p99],
];

function table(stacks: Stack[], figures: Figures, workload: Workload): string[] {
  const a = figures.get('a')?.[workload] ?? [];
  const head =
    `  ${''.padEnd(8)}` +
    stacks.map((stack) => `(${stack.label}) median (range)`.padEnd(WIDTH)).join('') +
    'a/b     a/c';
  const rows = MEASURES.map(([name, pick]) => {
    const runs = stacks.map((stack) => figures.get(stack.label)?.[workload] ?? []);
    return (
      `  ${name.padEnd(8)}` +
      runs.map((each) => cell(each, pick)).join('') +
      ratio(a, runs[1], pick) +
      ratio(a, runs[2], pick)
    );
  });
  const failures =
    `  ${'failed'.padEnd(8)}` +
    stacks
      .map((stack) => {
        const runs = figures.get(stack.label)?.[workload] ?? [];
        const failed = runs.reduce((sum, f) => sum + f.failures, 0);
        const sent = runs.reduce((sum, f) => sum + f.requests, 0);
        return `${failed}/${sent}`.padEnd(WIDTH);
      })
      .join('');
  return [`${LABELS[workload]}`, head, ...rows, failures, ''];
}

export function printReport(
  stacks: Stack[],
  figures: Figures,
  cpu: CpuFigures,
  workloads: Workload[],
  preamble: string[],
): void {
  const lines = [
    ...preamble,
    ...stacks.map(
      (stack) =>
        `(${stack.label}) ${stack.name}: ${stack.workers} worker${stack.workers > 1 ? 's' : ''}`,
    ),
    '',
    ...workloads.flatMap((workload) => [
      ...table(stacks, figures, workload),
      ...cpuTable(stacks, cpu, workload),
    ]),
    'ratios: (a)/(b) and (a)/(c) of the medians; req/s above 1 and times below 1 are (a) ahead',
    'failed: non-200, GraphQL errors, wrong shape or values, socket errors',
    'CPU ms per answer: user + system time of each process over the timed runs (/proc), ' +
      'divided by answers; (b) and (c) share the open subgraphs',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
