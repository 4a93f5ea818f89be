import { parseArgs } from 'node:util';
import { WORKLOADS, type Workload } from './load';

export interface BenchOptions {
  runs: number;
  seconds: number;
  warmup: number;
  connections: number;
  people: number;
  /** The most requests one load run sends, whatever its time. */
  maxRequests: number;
  /** Which of person, page, report, mix to run (all by default). */
  workloads: Workload[];
}

const NUMBERS = {
  runs: '5',
  seconds: '10',
  warmup: '3',
  connections: '8',
  people: '10000',
  'max-requests': '20000',
};

function wholeNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a whole number of at least 1, not ${text}.`);
  }
  return value;
}

/** `--runs --seconds --warmup --connections --people --max-requests --workloads`. */
export function benchOptions(args = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(
        Object.entries(NUMBERS).map(([name, value]) => [name, { type: 'string', default: value }]),
      ),
      workloads: { type: 'string', default: WORKLOADS.join(',') },
    },
  });
  const text = values as Record<string, string | undefined>;
  const number = (name: keyof typeof NUMBERS) => wholeNumber(name, text[name] ?? NUMBERS[name]);
  const workloads = (text.workloads ?? '').split(',') as Workload[];
  if (!workloads.every((w) => WORKLOADS.includes(w))) {
    throw new Error(`--workloads takes some of ${WORKLOADS.join(',')}, not ${text.workloads}.`);
  }
  return {
    runs: number('runs'),
    seconds: number('seconds'),
    warmup: number('warmup'),
    connections: number('connections'),
    people: number('people'),
    maxRequests: number('max-requests'),
    workloads,
  };
}
