import type { Line } from './audit';
import type { DifferencingGuard } from './differencing-guard';
import { DEFAULT_DISCLOSURE_RULES, type DisclosureRules, roundToBase } from './rules';
import { linesOf, suppressSecondary } from './secondary';
import type {
  CountMeasure,
  ProtectedCell,
  ProtectedTable,
  ProtectedValue,
  RawCell,
  RawTable,
  SuppressionReason,
} from './table';

/**
 * What `table` may show under `rules`: small counts withheld, then cells too close to ones the
 * guard has seen published, then whatever would let a withheld count be worked out; every other
 * count rounded; rates from the rounded counts; medians over enough people. The guard then
 * remembers the cells shown. See README.md beside this file.
 */
export function protect(
  table: RawTable,
  rules: DisclosureRules = DEFAULT_DISCLOSURE_RULES,
  guard?: DifferencingGuard,
): ProtectedTable {
  const cells = [...table.rows, table.total];
  const differencing = cells.map((cell) => guard?.isolatesFew(cell.members, rules.threshold));
  const lines = linesOf(table);
  const counts = new Map(
    table.counts.map(({ name }) => {
      const values = cells.map((cell) => countOf(cell, name));
      return [name, protectCounts(values, differencing, lines, rules)];
    }),
  );
  const shown = cells.map((cell, i) => ({
    group: { ...cell.group },
    counts: Object.fromEntries(table.counts.map(({ name }) => [name, counts.get(name)![i]])),
    rates: ratesOf(table.counts, counts, cell, i, rules),
    medians: mediansOf(table, cell, differencing[i] ?? false, rules),
  }));
  cells.forEach((cell, i) => {
    if (showsAnything(shown[i])) guard?.remember(cell.members);
  });
  return { dimensions: [...table.dimensions], rows: shown.slice(0, -1), total: shown.at(-1)! };
}

function countOf(cell: RawCell, measure: string): number {
  const count = cell.counts[measure];
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`Cell ${JSON.stringify(cell.group)} has no whole count for ${measure}.`);
  }
  return count;
}

/**
 * A true zero is withheld too (LOW_COUNT), though ONS practice differs. Shown zeros would make
 * LOW_COUNT mean "1 to threshold-1", and then nine LOW_COUNT cells under a total under 10 are each
 * exactly 1; a zero can itself disclose ("none of the 12 released found work"). So a withheld
 * count means "0 to threshold-1", and the secondary suppression can assume an analyst who knows
 * the rules.
 */
function protectCounts(
  values: number[],
  differencing: (boolean | undefined)[],
  lines: Line[],
  rules: DisclosureRules,
): ProtectedValue[] {
  const primary = values.map((value, i): SuppressionReason | null => {
    if (value < rules.threshold) return 'LOW_COUNT';
    return differencing[i] ? 'DIFFERENCING' : null;
  });
  const reasons = suppressSecondary(values, primary, lines, rules);
  return values.map((value, i) => {
    const reason = reasons[i];
    return reason ? withheld(reason) : shownAs(roundToBase(value, rules.base));
  });
}

function ratesOf(
  measures: CountMeasure[],
  counts: Map<string, ProtectedValue[]>,
  cell: RawCell,
  i: number,
  rules: DisclosureRules,
): Record<string, ProtectedValue> {
  const rates = measures.flatMap(({ name, denominator }) => {
    if (denominator === undefined) return [];
    const [numerator, base] = [counts.get(name)![i], counts.get(denominator)?.[i]];
    if (!base)
      throw new Error(`${name} is a share of ${denominator}, which is not a count measure.`);
    const exactBase = countOf(cell, denominator);
    return [[name, rateOf(numerator, base, exactBase, rules)] as const];
  });
  return Object.fromEntries(rates);
}

/** A percentage of the rounded counts, so that it shows no more than they do. */
function rateOf(
  numerator: ProtectedValue,
  denominator: ProtectedValue,
  exactDenominator: number,
  rules: DisclosureRules,
): ProtectedValue {
  if (exactDenominator < rules.threshold) return withheld('LOW_BASE');
  if (denominator.value === null) return withheld(denominator.suppressed ?? 'LOW_BASE');
  if (numerator.value === null) return withheld(numerator.suppressed ?? 'LOW_COUNT');
  if (denominator.value === 0) return withheld('LOW_BASE');
  return shownAs(Math.round((numerator.value * 1000) / denominator.value) / 10);
}

/** A median is a fact about its cell's cohort: withheld with the cohort when differencing. */
function mediansOf(
  table: RawTable,
  cell: RawCell,
  differencing: boolean,
  rules: DisclosureRules,
): Record<string, ProtectedValue> {
  const medians = table.medians.map(({ name }): [string, ProtectedValue] => {
    const median = cell.medians[name];
    if (!median || median.value === null || median.n < rules.threshold) {
      return [name, withheld('LOW_BASE')];
    }
    return [name, differencing ? withheld('DIFFERENCING') : shownAs(Math.round(median.value))];
  });
  return Object.fromEntries(medians);
}

const withheld = (suppressed: SuppressionReason): ProtectedValue => ({ value: null, suppressed });
const shownAs = (value: number): ProtectedValue => ({ value, suppressed: null });

function showsAnything(cell: ProtectedCell): boolean {
  return [cell.counts, cell.rates, cell.medians].some((values) =>
    Object.values(values).some(({ suppressed }) => suppressed === null),
  );
}
