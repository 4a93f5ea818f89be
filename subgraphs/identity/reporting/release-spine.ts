import { memberHash } from '../../../lib/disclosure/differencing-guard';
import { type ReleaseSpine, SPINE_COLUMNS } from '../../../lib/reporting/release-facts';

/** The filter a spine narrows by, beside the period (dates, YYYY-MM-DD). */
export interface SpineFilter {
  from: string;
  to: string;
  establishment?: string | null;
  region?: string | null;
  sex?: string | null;
  releaseType?: string | null;
  ageBand?: string | null;
}

const emptySpine = (): ReleaseSpine =>
  Object.fromEntries(SPINE_COLUMNS.map((name) => [name, []])) as unknown as ReleaseSpine;

/**
 * One snapshot's releases in memory, in release-date order, each (person, release date) once:
 * what identity needs to know which releases are in each cell of a report (for the differencing
 * guard) without asking MoJ again. Repeated values are held once.
 */
export class SnapshotSpine {
  private constructor(
    readonly snapshot: number,
    private readonly releases: ReleaseSpine,
    /** Each release's memberHash, worked out once. */
    private readonly hashes: number[],
  ) {}

  get size(): number {
    return this.releases.personKey.length;
  }

  /** The releases in the period that fit the filter, as MoJ's cohort would give them. */
  select(filter: SpineFilter): ReleaseSpine & { memberHashes: number[] } {
    const { released } = this.releases;
    const first = lowerBound(released, filter.from);
    const end = lowerBound(released, `${filter.to}\uffff`);
    const tests: [string[], string][] = [];
    const narrow = (column: string[], value: string | null | undefined) => {
      if (value != null) tests.push([column, value]);
    };
    narrow(this.releases.establishmentCode, filter.establishment);
    narrow(this.releases.region, filter.region);
    narrow(this.releases.sex, filter.sex);
    narrow(this.releases.releaseType, filter.releaseType);
    narrow(this.releases.ageBand, filter.ageBand);
    if (!tests.length) {
      return {
        ...sliceOf(this.releases, first, end),
        memberHashes: this.hashes.slice(first, end),
      };
    }
    const chosen = { ...emptySpine(), memberHashes: [] as number[] };
    for (let at = first; at < end; at++) {
      if (!tests.every(([column, value]) => column[at] === value)) continue;
      copy(this.releases, at, chosen);
      chosen.memberHashes.push(this.hashes[at]);
    }
    return chosen;
  }

  /** A spine built slice by slice: each slice's dates after the last's, none shared. */
  static builder(snapshot: number) {
    const releases = emptySpine();
    const hashes: number[] = [];
    const intern = new Map<string, string>();
    return {
      /** The slice's releases, each once, interned, in date order: what to count. */
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
            const value = slice[name][at];
            const held = name === 'personKey' ? value : (intern.get(value) ?? value);
            if (name !== 'personKey') intern.set(value, held);
            releases[name].push(held);
            added[name].push(held);
          }
        }
        return added;
      },
      build: () => new SnapshotSpine(snapshot, releases, hashes),
    };
  }
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

const sliceOf = (spine: ReleaseSpine, from: number, to: number): ReleaseSpine =>
  Object.fromEntries(
    SPINE_COLUMNS.map((name) => [name, spine[name].slice(from, to)]),
  ) as unknown as ReleaseSpine;

function copy(from: ReleaseSpine, at: number, to: ReleaseSpine): void {
  for (const name of SPINE_COLUMNS) to[name].push(from[name][at]);
}
