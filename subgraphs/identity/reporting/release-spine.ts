import { memberHash } from '../../../lib/disclosure/differencing-guard';
import {
  GROUPING_COLUMNS,
  type GroupingColumn,
  type ReleaseSpine,
  SPINE_COLUMNS,
} from '../../../lib/reporting/release-facts';

/**
 * What a spine narrows by: the period (dates, YYYY-MM-DD), and values of its grouping columns
 * (held as small whole-number codes).
 */
export interface SpineFilter {
  from: string;
  to: string;
  where: Partial<Record<GroupingColumn, string | null>>;
}

/** Releases by their position in the spine: each group's, in the order first met, and all. */
export interface SpineSelection {
  groups: { values: (string | null)[]; positions: number[] }[];
  total: number[];
}

interface Coded {
  codes: Uint16Array;
  /** Code → value. */
  values: (string | null)[];
}

const emptySpine = (): ReleaseSpine =>
  Object.fromEntries(SPINE_COLUMNS.map((name) => [name, []])) as unknown as ReleaseSpine;

/**
 * One snapshot's releases in memory, in release-date order, each (person, release date) once:
 * what identity needs to know which releases are in each cell of a report (for the differencing
 * guard) without asking MoJ again. A million releases are grouped in tens of milliseconds: the
 * period is found by binary search, and groups are keyed by number, not by string.
 */
export class SnapshotSpine {
  private readonly coded: Record<GroupingColumn, Coded>;

  private constructor(
    readonly snapshot: number,
    /** Every column, position by position. */
    readonly releases: ReleaseSpine,
    /** Each release's memberHash, worked out once. */
    readonly memberHashes: Float64Array,
  ) {
    this.coded = Object.fromEntries(
      GROUPING_COLUMNS.map((name) => [name, codesOf(releases[name])]),
    ) as Record<GroupingColumn, Coded>;
  }

  get size(): number {
    return this.releases.personKey.length;
  }

  /** The releases in the period that fit the filter, grouped by the columns given. */
  select(filter: SpineFilter, groupBy: readonly GroupingColumn[]): SpineSelection {
    const { released } = this.releases;
    const first = lowerBound(released, filter.from);
    const end = lowerBound(released, `${filter.to}\uffff`);
    const tests: [Uint16Array, number][] = [];
    for (const [name, value] of Object.entries(filter.where)) {
      if (value == null) continue;
      const coded = this.coded[name as GroupingColumn];
      const code = coded.values.indexOf(value);
      if (code < 0) return { groups: [], total: [] };
      tests.push([coded.codes, code]);
    }
    const keyed = groupBy.map((name) => this.coded[name]);
    const strides = keyed.map((_c, i) =>
      keyed.slice(i + 1).reduce((n, c) => n * c.values.length, 1),
    );
    const byKey = new Map<number, number[]>();
    const total: number[] = [];
    for (let at = first; at < end; at++) {
      if (!tests.every(([codes, code]) => codes[at] === code)) continue;
      total.push(at);
      let key = 0;
      for (let i = 0; i < keyed.length; i++) key += keyed[i].codes[at] * strides[i];
      const positions = byKey.get(key);
      if (positions) positions.push(at);
      else byKey.set(key, [at]);
    }
    const groups = [...byKey.values()].map((positions) => ({
      values: keyed.map((coded) => coded.values[coded.codes[positions[0]]]),
      positions,
    }));
    return { groups, total };
  }

  /** A spine built slice by slice: each slice's dates after the last's, none shared. */
  static builder(snapshot: number) {
    const releases = emptySpine();
    const hashes: number[] = [];
    return {
      /** The slice's releases, each once, in date order: what to count. */
      add(slice: ReleaseSpine): ReleaseSpine {
        const seen = new Set<string>();
        const order = slice.released.map((_d, i) => i);
        order.sort((a, b) => (slice.released[a] < slice.released[b] ? -1 : 1));
        const added = emptySpine();
        for (const at of order) {
          const id = `${slice.personKey[at]}|${slice.released[at]}`;
          if (seen.has(id)) continue;
          seen.add(id);
          hashes.push(memberHash(id));
          for (const name of SPINE_COLUMNS) {
            releases[name].push(slice[name][at]);
            added[name].push(slice[name][at]);
          }
        }
        return added;
      },
      build: () => new SnapshotSpine(snapshot, releases, Float64Array.from(hashes)),
    };
  }
}

/** A column as codes, each value held once: the spine's strings are mostly repeats. */
function codesOf(column: (string | null)[]): Coded {
  const byValue = new Map<string | null, number>();
  const values: (string | null)[] = [];
  const codes = new Uint16Array(column.length);
  for (let at = 0; at < column.length; at++) {
    let code = byValue.get(column[at]);
    if (code === undefined) {
      code = values.length;
      if (code > 0xffff) throw new Error('A spine column has more than 65,536 values.');
      byValue.set(column[at], code);
      values.push(column[at]);
    }
    codes[at] = code;
    column[at] = values[code] as string;
  }
  return { codes, values };
}

function lowerBound(sorted: string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
