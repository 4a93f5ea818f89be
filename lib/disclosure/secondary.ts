import { isPinned, type Line, type Range, type Reason, readerRanges } from './audit';
import type { DisclosureRules } from './rules';
import type { RawTable } from './table';

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
 * One count measure's reasons after secondary suppression: `primary`, plus SECONDARY until no line
 * has exactly one value withheld and no reader who knows the rules can narrow a withheld value too
 * far (see isPinned), where withholding more in the table can stop it. `values` are exact, the
 * table's total last.
 */
export function suppressSecondary(
  values: readonly number[],
  primary: readonly Reason[],
  lines: readonly Line[],
  rules: DisclosureRules,
): Reason[] {
  const reasons = [...primary];
  const total = values.length - 1;
  // The reader also has the table's own total of all rows; only the audit uses it.
  const wholeTable = lines.some((line) => line.total === null)
    ? [{ cells: [...Array(total).keys()], total }]
    : [];
  const linesByCell = byCell(lines, values.length);
  for (let changed = true; changed;) {
    changed = withholdRowsUnderTotal(reasons);
    for (const line of lines) {
      if (withheldIn(line, values, reasons, rules) !== 1) continue;
      changed = withholdSmallest(line, values, reasons) || changed;
    }
    if (changed) continue;
    const ranges = readerRanges(values, reasons, [...lines, ...wholeTable], rules);
    changed = withholdAroundPinned(ranges, values, reasons, linesByCell, rules);
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

/** How many values `line` withholds, its total included. */
function withheldIn(
  line: Line,
  values: readonly number[],
  reasons: Reason[],
  rules: DisclosureRules,
) {
  const cells = line.cells.filter((i) => reasons[i] !== null).length;
  if (line.total !== null) return cells + Number(reasons[line.total] !== null);
  const total = line.cells.reduce((sum, i) => sum + values[i], 0);
  return cells + Number(total < rules.threshold);
}

/** For each pinned value, the smallest value still shown in one of its lines becomes SECONDARY. */
function withholdAroundPinned(
  ranges: readonly Range[],
  values: readonly number[],
  reasons: Reason[],
  linesByCell: readonly Line[][],
  rules: DisclosureRules,
): boolean {
  const touched = new Set<Line>();
  reasons.forEach((reason, i) => {
    if (reason === null || !isPinned(ranges[i], reason, rules)) return;
    const around = linesByCell[i];
    if (around.some((line) => touched.has(line))) return;
    const line = around.find((candidate) => withholdSmallest(candidate, values, reasons));
    if (line) touched.add(line);
  });
  return touched.size > 0;
}

/** The lines each cell is in, as a cell or as their total. */
function byCell(lines: readonly Line[], cells: number): Line[][] {
  const linesByCell = Array.from({ length: cells }, (): Line[] => []);
  for (const line of lines) {
    for (const i of line.cells) linesByCell[i].push(line);
    if (line.total !== null) linesByCell[line.total].push(line);
  }
  return linesByCell;
}

/** The smallest value still shown in `line` becomes SECONDARY; false when none is left. */
function withholdSmallest(line: Line, values: readonly number[], reasons: Reason[]): boolean {
  const shown = [...line.cells, line.total ?? -1].filter((i) => i >= 0 && reasons[i] === null);
  if (shown.length === 0) return false;
  const smallest = shown.reduce((best, i) => (values[i] < values[best] ? i : best));
  reasons[smallest] = 'SECONDARY';
  return true;
}
