import { readFileSync } from 'node:fs';
import type { Workload } from './load';
import type { Stack } from './stacks';

/** Linux's clock ticks per second, in which /proc reports CPU time (USER_HZ, 100 here). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in ms; Linux's /proc only. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from the third on.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU ms by process and answers, summed over a stack's timed runs of each workload. */
export type CpuFigures = Map<Stack['label'], Partial<Record<Workload, CpuUse>>>;

export interface CpuUse {
  ms: Record<string, number>;
  answers: number;
}

/** `run`, with the CPU each of the stack's processes spent on it added to `figures`. */
export async function countingCpu<T extends { requests: number }>(
  figures: CpuFigures,
  stack: Stack,
  workload: Workload,
  run: () => Promise<T>,
): Promise<T> {
  const before = Object.entries(stack.processes).map(([name, pid]) => [name, cpuMs(pid)] as const);
  const result = await run();
  const byWorkload = figures.get(stack.label) ?? {};
  const use = (byWorkload[workload] ??= { ms: {}, answers: 0 });
  for (const [name, at] of before) {
    use.ms[name] = (use.ms[name] ?? 0) + cpuMs(stack.processes[name]) - at;
  }
  use.answers += result.requests;
  figures.set(stack.label, byWorkload);
  return result;
}

/** Per workload, CPU ms per answer by process for each stack: where each one's time goes. */
export function cpuTable(stacks: Stack[], figures: CpuFigures, workload: Workload): string[] {
  const names = [...new Set(stacks.flatMap((stack) => Object.keys(stack.processes)))];
  const perAnswer = (stack: Stack, name?: string) => {
    const use = figures.get(stack.label)?.[workload];
    if (!use?.answers) return '–';
    const ms = name ? (use.ms[name] ?? 0) : Object.values(use.ms).reduce((a, b) => a + b, 0);
    return (ms / use.answers).toFixed(1);
  };
  const row = (label: string, name?: string) =>
    `  ${label.padEnd(10)}` + stacks.map((stack) => perAnswer(stack, name).padEnd(10)).join('');
  return [
    `  CPU ms per answer  ` + stacks.map((stack) => `(${stack.label})`.padEnd(10)).join(''),
    ...names.map((name) => row(name, name)),
    row('all'),
    '',
  ];
}
