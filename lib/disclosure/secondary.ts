import { type DisclosureRules, roundToBase } from './rules';
import type { RawTable, SuppressionReason } from './table';

/**
 * Cells an analyst can add up to a total they can also get: the rows that differ in one dimension
 * only. `total` is the index of the table's own total, for a one-dimension table; null where the
 * total comes from a query grouped more coarsely, which we assume the analyst has run.
 */
export interface Line {
  cells: number[];
  total: number | null;
}

type Reason = SuppressionReason | null;

/** What an analyst can tell of a count from what is published: a whole number from lo to hi. */
type Range = [lo: number, hi: number];

/** The lines of `table`, its cells numbered as its rows and then its total. */
export function linesOf(table: Pick<RawTable, 'dimensions' | 'rows'>): Line[] {
  const { dimensions, rows } = table;
  if (dimensions.length === 0) return [];
  if (dimensions.length === 1) return [{ cells: rows.map((_, i) => i), total: rows.length }];
  return dimensions.flatMap((varying) => {
    const fixed = dimensions.filter((dimension) => dimension !== varying);
    const lines = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const key = JSON.stringify(fixed.map((dimension) => row.group[dimension]));
      const cells = lines.get(key);
      if (cells) cells.push(i);
      else lines.set(key, [i]);
    });
    return [...lines.values()].map((cells) => ({ cells, total: null }));
  });
}

/**
 * One count measure's reasons after secondary suppression: `primary` plus SECONDARY wherever a
 * line would otherwise have exactly one value withheld, or would let an analyst narrow a withheld
 * value to one number. `values` are exact, the table's total last.
 */
export function suppressSecondary(
  values: readonly number[],
  primary: readonly Reason[],
  lines: readonly Line[],
  rules: DisclosureRules,
): Reason[] {
  const reasons = [...primary];
  for (let changed = true; changed;) {
    changed = withholdRowsUnderTotal(reasons);
    for (const line of lines) {
      if (discloses(line, values, reasons, rules)) {
        changed = withholdSmallest(line, values, reasons) || changed;
      }
    }
  }
  return reasons;
}

/** A withheld total would be the sum of the rows: withhold them all. */
function withholdRowsUnderTotal(reasons: Reason[]): boolean {
  const total = reasons.length - 1;
  if (reasons[total] === null) return false;
  let changed = false;
  for (let i = 0; i < total; i++) {
    if (reasons[i] !== null) continue;
    reasons[i] = 'SECONDARY';
    changed = true;
  }
  return changed;
}

function discloses(
  line: Line,
  values: readonly number[],
  reasons: Reason[],
  rules: DisclosureRules,
) {
  const total = totalOf(line, values, reasons, rules);
  const withheld = line.cells.filter((i) => reasons[i] !== null).length + Number(total.withheld);
  return withheld === 1 || pinsAValue(line, values, reasons, total, rules);
}

/** The smallest value still shown in `line` becomes SECONDARY; false when none is left. */
function withholdSmallest(line: Line, values: readonly number[], reasons: Reason[]): boolean {
  const shown = [...line.cells, line.total ?? -1].filter((i) => i >= 0 && reasons[i] === null);
  if (shown.length === 0) return false;
  const smallest = shown.reduce((best, i) => (values[i] < values[best] ? i : best));
  reasons[smallest] = 'SECONDARY';
  return true;
}

/**
 * Whether an analyst who knows the rules can narrow a withheld value in `line` too far, from the
 * line's total and the other values: each shown one as the exact counts that round to it, a
 * LOW_COUNT as 0 to threshold-1, any other withheld count as threshold or more.
 */
function pinsAValue(
  line: Line,
  values: readonly number[],
  reasons: Reason[],
  total: LineTotal,
  rules: DisclosureRules,
): boolean {
  const seen = line.cells.map((i) => seenAs(values[i], reasons[i], rules));
  const sum = sumOf(seen);
  const pinsCell = line.cells.some((i, k) => {
    const reason = reasons[i];
    return reason !== null && isPinned(cellFromLine(seen[k], total.seen, sum), reason, rules);
  });
  const totalReason = line.total === null ? null : reasons[line.total];
  const totalRange = intersect(total.seen, [sum.lo, hiOf(sum)]);
  return pinsCell || (totalReason !== null && isPinned(totalRange, totalReason, rules));
}

/**
 * Too narrow: a small count narrowed to fewer than two whole numbers from 1 to threshold-1 ("0 or
 * 1" is too narrow: it says who, to someone who knows they are in the cohort); any other withheld
 * count narrowed to one number.
 */
function isPinned([lo, hi]: Range, reason: SuppressionReason, { threshold }: DisclosureRules) {
  if (reason !== 'LOW_COUNT') return hi - lo < 1;
  const small = Math.min(hi, threshold - 1) - Math.max(lo, 1) + 1;
  return small < Math.min(2, threshold - 1);
}

interface LineTotal {
  seen: Range;
  withheld: boolean;
}

/** A line's total: the table's own, or what a query grouped more coarsely would show. */
function totalOf(line: Line, values: readonly number[], reasons: Reason[], rules: DisclosureRules) {
  if (line.total !== null) {
    const reason = reasons[line.total];
    return { seen: seenAs(values[line.total], reason, rules), withheld: reason !== null };
  }
  const sum = line.cells.reduce((total, i) => total + values[i], 0);
  const reason = sum < rules.threshold ? 'LOW_COUNT' : null;
  return { seen: seenAs(sum, reason, rules), withheld: reason !== null };
}

function seenAs(value: number, reason: Reason, { threshold, base }: DisclosureRules): Range {
  if (reason === 'LOW_COUNT') return [0, threshold - 1];
  if (reason !== null) return [threshold, Infinity];
  const shown = roundToBase(value, base);
  return [Math.max(threshold, Math.ceil(shown - base / 2)), Math.ceil(shown + base / 2) - 1];
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

/** A cell is the line's total less the others. */
function cellFromLine(own: Range, total: Range, sum: RangeSum): Range {
  const ownUnbounded = own[1] === Infinity;
  const others: RangeSum = {
    lo: sum.lo - own[0],
    hi: sum.hi - (ownUnbounded ? 0 : own[1]),
    unbounded: sum.unbounded - Number(ownUnbounded),
  };
  return intersect(own, [total[0] - hiOf(others), total[1] - others.lo]);
}

const intersect = (a: Range, b: Range): Range => [Math.max(a[0], b[0]), Math.min(a[1], b[1])];
