import { protect } from './protect';
import type { DisclosureRules } from './rules';
import type { ProtectedCell, ProtectedTable, ProtectedValue, RawCell, RawTable } from './table';

/** mulberry32: a small seeded PRNG, so every run draws the same tables. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const RULES: DisclosureRules[] = [
  { threshold: 10, base: 5 },
  { threshold: 5, base: 3 },
  { threshold: 7, base: 4 },
];

interface Drawn {
  table: RawTable;
  rules: DisclosureRules;
}

/** A table of 1 to 3 dimensions, every combination present, many counts near the threshold. */
function drawTable(random: () => number): Drawn {
  const rules = RULES[Math.floor(random() * RULES.length)];
  const whole = (below: number) => Math.floor(random() * below);
  const dimensions = ['month', 'establishment', 'programme'].slice(0, 1 + whole(3));
  const sizes = dimensions.map(() => (dimensions.length === 1 ? 2 + whole(7) : 2 + whole(4)));
  const groups = sizes.reduce<string[][]>(
    (partial, size) =>
      partial.flatMap((group) => [...Array(size).keys()].map((v) => [...group, `v${v}`])),
    [[]],
  );
  const small = random() * 0.8;
  const rows = groups.map((values): RawCell => {
    const releases = random() < small ? whole(rules.threshold + 3) : whole(90);
    const jobStarts = Math.floor(releases * random());
    const group = Object.fromEntries(dimensions.map((dimension, i) => [dimension, values[i]]));
    const medians = { daysToJob: { value: 10 + random() * 80, n: jobStarts } };
    return { group, counts: { releases, jobStarts }, medians, members: [] };
  });
  const sum = (measure: string) => rows.reduce((total, row) => total + row.counts[measure], 0);
  const total: RawCell = {
    group: {},
    counts: { releases: sum('releases'), jobStarts: sum('jobStarts') },
    medians: { daysToJob: { value: 40, n: sum('jobStarts') } },
    members: [],
  };
  const counts = [{ name: 'releases' }, { name: 'jobStarts', denominator: 'releases' }];
  return { table: { dimensions, counts, medians: [{ name: 'daysToJob' }], rows, total }, rules };
}

/** Whole numbers lo to hi. */
type Range = [number, number];

/** What an analyst who knows the rules can tell of a count from how it is shown. */
function knownRange(shown: ProtectedValue, { threshold, base }: DisclosureRules): Range {
  if (shown.suppressed === 'LOW_COUNT') return [0, threshold - 1];
  if (shown.suppressed !== null || shown.value === null) return [threshold, Infinity];
  const roundsTo = [...Array(2 * base + 1).keys()]
    .map((k) => shown.value! - base + k)
    .filter((exact) => exact >= threshold && Math.floor(exact / base + 0.5) * base === shown.value);
  return [Math.min(...roundsTo), Math.max(...roundsTo)];
}

interface TestLine {
  cells: { exact: number; shown: ProtectedValue }[];
  /** The line's total as the analyst has it; `inTable` when it is one of the table's own cells. */
  total: { exact: number; shown: ProtectedValue; inTable: boolean };
}

/** Every line of one measure: rows varying in one dimension, with their total. */
function linesOf(
  raw: RawTable,
  published: ProtectedTable,
  measure: string,
  rules: DisclosureRules,
) {
  const cells = raw.rows.map((row, i) => ({
    exact: row.counts[measure],
    shown: published.rows[i].counts[measure],
  }));
  if (raw.dimensions.length === 1) {
    const total = { exact: raw.total.counts[measure], shown: published.total.counts[measure] };
    return [{ cells, total: { ...total, inTable: true } }];
  }
  return raw.dimensions.flatMap((varying) => {
    const byRest = new Map<string, typeof cells>();
    raw.rows.forEach((row, i) => {
      const rest = raw.dimensions.filter((d) => d !== varying).map((d) => row.group[d]);
      byRest.set(rest.join('|'), [...(byRest.get(rest.join('|')) ?? []), cells[i]]);
    });
    return [...byRest.values()].map((line): TestLine => {
      const exact = line.reduce((total, cell) => total + cell.exact, 0);
      return { cells: line, total: { exact, shown: coarserTotal(exact, rules), inTable: false } };
    });
  });
}

/** The line's total as a query grouped more coarsely shows it (assumed never secondary). */
function coarserTotal(exact: number, { threshold, base }: DisclosureRules): ProtectedValue {
  if (exact < threshold) return { value: null, suppressed: 'LOW_COUNT' };
  return { value: Math.floor(exact / base + 0.5) * base, suppressed: null };
}

const withheld = (line: TestLine) =>
  line.cells.filter((cell) => cell.shown.suppressed !== null).length +
  Number(line.total.shown.suppressed !== null);

/**
 * What protect itself avoids where it can: a small count with fewer than two whole numbers from 1
 * to threshold-1 left (so a zero is not pinned either), any other withheld count down to one number.
 */
function tooNarrow([lo, hi]: Range, small: boolean, { threshold }: DisclosureRules): boolean {
  if (!small) return hi - lo < 1;
  const left = Math.min(hi, threshold - 1) - Math.max(lo, 1) + 1;
  return left < Math.min(2, threshold - 1);
}

/** A small count pinned: at most one whole number from 1 to threshold-1 left, and nothing above. */
function pinsSmall([lo, hi]: Range, { threshold }: DisclosureRules): boolean {
  return hi < threshold && Math.min(hi, threshold - 1) - Math.max(lo, 1) + 1 === 1;
}

/** Each withheld value of the line, worked out from the line's total and everything else in it. */
function recover(line: TestLine, rules: DisclosureRules): Recovered[] {
  const known = line.cells.map((cell) => knownRange(cell.shown, rules));
  const total = knownRange(line.total.shown, rules);
  const sumOf = (ranges: Range[]): Range =>
    ranges.reduce(([lo, hi], range) => [lo + range[0], hi + range[1]], [0, 0]);
  const cells = line.cells.flatMap((cell, i) => {
    if (cell.shown.suppressed === null) return [];
    const [othersLo, othersHi] = sumOf(known.filter((_, k) => k !== i));
    const range: Range = [
      Math.max(known[i][0], total[0] - othersHi),
      Math.min(known[i][1], total[1] - othersLo),
    ];
    return [{ exact: cell.exact, range, small: cell.shown.suppressed === 'LOW_COUNT' }];
  });
  if (!line.total.inTable || line.total.shown.suppressed === null) return cells;
  const [lo, hi] = sumOf(known);
  const range: Range = [Math.max(total[0], lo), Math.min(total[1], hi)];
  const small = line.total.shown.suppressed === 'LOW_COUNT';
  return [...cells, { exact: line.total.exact, range, small }];
}

/** A constraint a reader has: the cells (by index, the table's total last) add up to `total`. */
interface Sum {
  cells: number[];
  total: number | Range;
  /** The table's total of all rows, beside its lines. */
  beside?: boolean;
}

/**
 * What a reader can work out of every count of one measure by chaining every line of the table
 * (and the table's total of all rows) until nothing narrows.
 */
function chainLines(
  raw: RawTable,
  published: ProtectedTable,
  measure: string,
  rules: DisclosureRules,
) {
  const shown = everyCell(published).map((cell) => cell.counts[measure]);
  const ranges = shown.map((value) => knownRange(value, rules));
  const sums = sumsOf(raw, measure, rules);
  for (let round = 0, narrowed = true; narrowed && round < 1000; round++) {
    narrowed = false;
    for (const { cells, total } of sums) {
      const whole = typeof total === 'number' ? ranges[total] : total;
      const lo = cells.reduce((sum, i) => sum + ranges[i][0], 0);
      const his = cells.map((i) => ranges[i][1]);
      const next = new Map<number, Range>(
        cells.map((i, k) => {
          const othersHi = his.reduce((sum, hi, j) => (j === k ? sum : sum + hi), 0);
          return [i, [whole[0] - othersHi, whole[1] - (lo - ranges[i][0])]];
        }),
      );
      if (typeof total === 'number') next.set(total, [lo, his.reduce((a, b) => a + b, 0)]);
      for (const [i, [nextLo, nextHi]] of next) {
        const [was, wasHi] = ranges[i];
        if (nextLo <= was && nextHi >= wasHi) continue;
        ranges[i] = [Math.max(was, nextLo), Math.min(wasHi, nextHi)];
        narrowed = true;
      }
    }
  }
  return { shown, ranges, sums };
}

function sumsOf(raw: RawTable, measure: string, rules: DisclosureRules): Sum[] {
  const rows = raw.rows.map((_, i) => i);
  const whole: Sum = { cells: rows, total: rows.length };
  if (raw.dimensions.length === 1) return [whole];
  const lines = raw.dimensions.flatMap((varying) => {
    const byRest = new Map<string, number[]>();
    raw.rows.forEach((row, i) => {
      const rest = raw.dimensions.filter((d) => d !== varying).map((d) => row.group[d]);
      byRest.set(rest.join('|'), [...(byRest.get(rest.join('|')) ?? []), i]);
    });
    return [...byRest.values()].map((cells): Sum => {
      const exact = cells.reduce((sum, i) => sum + raw.rows[i].counts[measure], 0);
      return { cells, total: knownRange(coarserTotal(exact, rules), rules) };
    });
  });
  return [...lines, { ...whole, beside: true }];
}

interface Recovered {
  exact: number;
  range: Range;
  /** Shown as LOW_COUNT. */
  small: boolean;
}

const everyCell = (published: ProtectedTable): ProtectedCell[] => [
  ...published.rows,
  published.total,
];
const draws = (count: number, seed: number) => {
  const random = seeded(seed);
  return Array.from({ length: count }, () => drawTable(random));
};

describe('protect on 2,000 random tables', () => {
  const tables = draws(2000, 20260314).map(({ table, rules }) => {
    const published = protect(table, rules);
    const raw = [...table.rows, table.total];
    const cells = everyCell(published).map((shown, i) => ({ raw: raw[i], shown }));
    const lines = ['releases', 'jobStarts'].flatMap((measure) =>
      linesOf(table, published, measure, rules),
    );
    const chained = ['releases', 'jobStarts'].map((measure) =>
      chainLines(table, published, measure, rules),
    );
    return { rules, cells, lines, chained };
  });
  const recovered = tables.flatMap(({ rules, lines }) =>
    lines.flatMap((line) => recover(line, rules).map((value) => ({ ...value, line, rules }))),
  );

  it('shows no count from 1 to threshold-1, and every shown count a multiple of the base', () => {
    const wrong = tables.flatMap(({ rules, cells }) =>
      cells.flatMap(({ raw, shown }) =>
        Object.entries(shown.counts).filter(([measure, { value }]) => {
          if (value === null) return false;
          const exact = raw.counts[measure];
          return value % rules.base !== 0 || exact < rules.threshold || value < rules.threshold;
        }),
      ),
    );

    expect(wrong).toEqual([]);
  });

  it('withholds no value or at least two in every line', () => {
    const lines = tables.flatMap((drawn) => drawn.lines);

    expect(lines.filter((line) => withheld(line) === 1)).toEqual([]);
    expect(lines.filter((line) => withheld(line) >= 2).length).toBeGreaterThan(1000);
  });

  it('shows no rate or median over fewer people than the threshold', () => {
    const wrong = tables.flatMap(({ rules, cells }) =>
      cells.filter(({ raw, shown }) => {
        const rate = shown.rates.jobStarts.value !== null;
        const median = shown.medians.daysToJob.value !== null;
        const { threshold } = rules;
        return (
          (rate && raw.counts.releases < threshold) ||
          (median && raw.medians.daysToJob.n < threshold)
        );
      }),
    );

    expect(wrong).toEqual([]);
  });

  it('recovers ranges that hold the true values', () => {
    const wrong = recovered.filter(({ exact, range }) => exact < range[0] || exact > range[1]);

    expect(recovered.length).toBeGreaterThan(10_000);
    expect(wrong).toEqual([]);
  });

  it('never pins a withheld value to one number from 1 to threshold-1, nor to "0 or 1"', () => {
    const pinned = recovered.filter(({ range, rules }) => pinsSmall(range, rules));
    // Beyond any one table: counts of exactly threshold-1 whose sum another table shows at the
    // bottom of a rounding band (9 + 9 = 18, shown as 20: both must be 9).
    const beyondOneTable = ({ line, rules }: (typeof pinned)[number]) =>
      !line.total.inTable && line.cells.every((cell) => cell.exact === rules.threshold - 1);

    expect(pinned.filter((value) => !beyondOneTable(value))).toEqual([]);
    expect(pinned.length).toBeLessThan(recovered.length / 1000);
  });

  it('narrows no withheld value to one number where protect had something left to withhold', () => {
    const couldWithhold = ({ line }: { line: TestLine }) =>
      line.total.inTable || line.cells.some((cell) => cell.shown.suppressed === null);
    const narrowed = recovered.filter(
      (value) => couldWithhold(value) && tooNarrow(value.range, value.small, value.rules),
    );

    expect(narrowed).toEqual([]);
  });

  it('narrows values little more when every line is chained together', () => {
    // Where protect had nothing left to withhold in any line through the value, it stays narrow.
    const narrowed = tables.flatMap(({ rules, chained }) =>
      chained.flatMap(({ shown, ranges, sums }) =>
        shown.flatMap((value, i) => {
          if (value.suppressed === null) return [];
          if (!tooNarrow(ranges[i], value.suppressed === 'LOW_COUNT', rules)) return [];
          const through = sums.filter(
            (sum) => !sum.beside && (sum.cells.includes(i) || sum.total === i),
          );
          const isShown = (j: number | Range) =>
            typeof j === 'number' && shown[j].suppressed === null;
          const open = through.some((sum) => isShown(sum.total) || sum.cells.some(isShown));
          return [{ open, range: ranges[i] }];
        }),
      ),
    );
    const withheldValues = tables.flatMap(({ chained }) =>
      chained.flatMap(({ shown }) => shown.filter((value) => value.suppressed !== null)),
    );

    expect(narrowed.filter((value) => value.open)).toEqual([]);
    expect(narrowed.length).toBeLessThan(withheldValues.length / 200);
  });
});
