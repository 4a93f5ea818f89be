import { type DisclosureRules, roundToBase } from './rules';
import type { SuppressionReason } from './table';

/**
 * Cells a reader can add up to a total they also have. `total` is the index of one of the table's
 * own cells, or null where the total comes from a query grouped more coarsely, which we assume the
 * reader has run.
 */
export interface Line {
  cells: number[];
  total: number | null;
}

export type Reason = SuppressionReason | null;

/** What a reader can tell of a count: a whole number from lo to hi. */
export type Range = [lo: number, hi: number];

/** Rounds of narrowing: each only narrows, so stopping early errs towards the reader knowing less. */
const MOST_ROUNDS = 50;

/**
 * What a reader who knows the rules can work out of each cell, from every line at once: each shown
 * count as the exact counts that round to it, each LOW_COUNT as 0 to threshold-1, any other
 * withheld count as threshold or more, narrowed line by line (a cell is its line's total less the
 * others; a total the sum of its cells) until nothing narrows.
 */
export function readerRanges(
  values: readonly number[],
  reasons: readonly Reason[],
  lines: readonly Line[],
  rules: DisclosureRules,
): Range[] {
  const ranges = values.map((value, i) => seenAs(value, reasons[i], rules));
  const totals = lines.map((line) =>
    line.total === null ? coarserTotal(line, values, rules) : null,
  );
  for (let round = 0, narrowed = true; narrowed && round < MOST_ROUNDS; round++) {
    narrowed = false;
    lines.forEach((line, k) => {
      narrowed = narrowLine(line, totals[k], ranges) || narrowed;
    });
  }
  return ranges;
}

/** The total of `line` as a query grouped more coarsely would show it. */
export function coarserTotal(line: Line, values: readonly number[], rules: DisclosureRules): Range {
  const sum = line.cells.reduce((total, i) => total + values[i], 0);
  return seenAs(sum, sum < rules.threshold ? 'LOW_COUNT' : null, rules);
}

/**
 * Too narrow: a small count left with fewer than two whole numbers from 1 to threshold-1 ("0 or 1"
 * says who, to someone who knows they are in the cohort); any other withheld count with one number.
 */
export function isPinned([lo, hi]: Range, reason: SuppressionReason, rules: DisclosureRules) {
  if (reason !== 'LOW_COUNT') return hi - lo < 1;
  const small = Math.min(hi, rules.threshold - 1) - Math.max(lo, 1) + 1;
  return small < Math.min(2, rules.threshold - 1);
}

function seenAs(value: number, reason: Reason, { threshold, base }: DisclosureRules): Range {
  if (reason === 'LOW_COUNT') return [0, threshold - 1];
  if (reason !== null) return [threshold, Infinity];
  const shown = roundToBase(value, base);
  return [Math.max(threshold, Math.ceil(shown - base / 2)), Math.ceil(shown + base / 2) - 1];
}

function narrowLine(line: Line, fixedTotal: Range | null, ranges: Range[]): boolean {
  const total = fixedTotal ?? ranges[line.total!];
  const sum = sumOf(line.cells.map((i) => ranges[i]));
  let narrowed = false;
  for (const i of line.cells)
    narrowed = narrow(ranges, i, cellFromLine(ranges[i], total, sum)) || narrowed;
  if (line.total !== null) narrowed = narrow(ranges, line.total, [sum.lo, hiOf(sum)]) || narrowed;
  return narrowed;
}

function narrow(ranges: Range[], i: number, [lo, hi]: Range): boolean {
  const [was, wasHi] = ranges[i];
  if (lo <= was && hi >= wasHi) return false;
  ranges[i] = [Math.max(was, lo), Math.min(wasHi, hi)];
  return true;
}

/** A sum of ranges, its upper end kept finite with a count of the unbounded ones. */
interface RangeSum {
  lo: number;
  hi: number;
  unbounded: number;
}

function sumOf(ranges: Range[]): RangeSum {
  const sum = { lo: 0, hi: 0, unbounded: 0 };
  for (const [lo, hi] of ranges) {
    sum.lo += lo;
    if (hi === Infinity) sum.unbounded++;
    else sum.hi += hi;
  }
  return sum;
}

const hiOf = (sum: RangeSum): number => (sum.unbounded > 0 ? Infinity : sum.hi);

/** A cell is its line's total less the others (`sum` includes the cell's own range). */
function cellFromLine(own: Range, total: Range, sum: RangeSum): Range {
  const ownUnbounded = own[1] === Infinity;
  const others: RangeSum = {
    lo: sum.lo - own[0],
    hi: sum.hi - (ownUnbounded ? 0 : own[1]),
    unbounded: sum.unbounded - Number(ownUnbounded),
  };
  return [total[0] - hiOf(others), total[1] - others.lo];
}
