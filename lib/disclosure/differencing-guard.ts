/**
 * Differencing: an analyst who subtracts one published cell from another learns about the people
 * in one and not the other. Publish "released from HMP Leeds in March: 120" and later "released
 * from HMP Leeds in March, aged 25 or over: 116", and the 4 people under 25 are a cohort of 4,
 * though every count shown was 100 or more.
 *
 * The guard remembers the cohorts (the releases, as hashes) of cells already published, and
 * refuses any cell whose cohort differs from one of them by 1 to threshold-1 releases (symmetric
 * difference). So no difference of two published cells isolates 1 to threshold-1 people: either
 * the two cohorts are the same (the same numbers again) or they differ by threshold or more.
 * Rounding to `base` then blurs every difference of sums of cells by up to base/2 per cell.
 *
 * Its limits: it remembers in this process only (a restart, or a second replica, forgets); it
 * remembers the last `maxCells` cells and at most `maxMembers` releases, oldest forgotten first;
 * and a difference of three or more cells (A - B - C) is not caught exactly, only blurred by
 * rounding.
 */
export class DifferencingGuard {
  /** Remembered cohorts, each sorted and distinct, oldest first. */
  private readonly cohorts = new Set<Float64Array>();
  private readonly bySize = new Map<number, Set<Float64Array>>();
  /** Each cohort under each of its INDEXED smallest members. */
  private readonly bySmallMember = new Map<number, Set<Float64Array>>();
  private members = 0;
  /** protect() asks about and then remembers the same arrays: sort each once. */
  private readonly sorted = new WeakMap<readonly number[], Float64Array>();
  private readonly limits: GuardLimits;

  constructor(limits: Partial<GuardLimits> = {}) {
    this.limits = { ...DEFAULT_GUARD_LIMITS, ...limits };
  }

  /** How many cells' cohorts are remembered. */
  get size(): number {
    return this.cohorts.size;
  }

  /** Whether `members` differs from a remembered cohort by 1 to threshold-1 releases. */
  isolatesFew(members: readonly number[], threshold: number): boolean {
    const cohort = this.cohortOf(members);
    const most = threshold - 1;
    for (const past of this.near(cohort, threshold)) {
      // |C Δ P| ≥ ||C| - |P||: only cohorts of nearly the same size can be close.
      if (Math.abs(past.length - cohort.length) > most) continue;
      const apart = distance(cohort, past, most);
      if (apart > 0 && apart <= most) return true;
    }
    return false;
  }

  /** Remembers a published cell's cohort, forgetting the oldest past the limits. */
  remember(members: readonly number[]): void {
    const cohort = this.cohortOf(members);
    if (cohort.length === 0 || cohort.length > this.limits.maxMembers) return;
    for (const past of this.bySmallMember.get(cohort[0]) ?? []) {
      if (past.length === cohort.length && distance(cohort, past, 0) === 0) this.forget(past);
    }
    while (
      this.cohorts.size >= this.limits.maxCells ||
      this.members + cohort.length > this.limits.maxMembers
    ) {
      this.forget(this.cohorts.values().next().value as Float64Array);
    }
    this.cohorts.add(cohort);
    this.members += cohort.length;
    file(this.bySize, cohort.length, cohort);
    for (const member of cohort.subarray(0, INDEXED)) file(this.bySmallMember, member, cohort);
  }

  /**
   * Remembered cohorts that could be within threshold-1 of `cohort`. If |C Δ P| < t ≤ |C|, one of
   * C's t smallest members x is in P, and fewer than 2t-1 members of P come before x (those in C
   * come before x in C too, under t; the others are in C Δ P, under t): so x is among P's INDEXED
   * smallest whenever 2t-1 ≤ INDEXED. Otherwise every cohort of a near size.
   */
  private *near(cohort: Float64Array, threshold: number): Iterable<Float64Array> {
    if (2 * threshold - 1 > INDEXED || cohort.length < threshold) {
      for (let size = cohort.length - threshold + 1; size < cohort.length + threshold; size++) {
        yield* this.bySize.get(size) ?? [];
      }
      return;
    }
    const seen = new Set<Float64Array>();
    for (const member of cohort.subarray(0, threshold)) {
      for (const past of this.bySmallMember.get(member) ?? []) {
        if (!seen.has(past)) yield past;
        seen.add(past);
      }
    }
  }

  private forget(cohort: Float64Array): void {
    this.cohorts.delete(cohort);
    this.members -= cohort.length;
    unfile(this.bySize, cohort.length, cohort);
    for (const member of cohort.subarray(0, INDEXED)) unfile(this.bySmallMember, member, cohort);
  }

  private cohortOf(members: readonly number[]): Float64Array {
    let cohort = this.sorted.get(members);
    if (!cohort) {
      cohort = distinct(Float64Array.from(members).sort());
      this.sorted.set(members, cohort);
    }
    return cohort;
  }
}

/** How many of each cohort's smallest members are indexed: enough for thresholds up to 20. */
const INDEXED = 39;

function file(index: Map<number, Set<Float64Array>>, key: number, cohort: Float64Array): void {
  const cohorts = index.get(key);
  if (cohorts) cohorts.add(cohort);
  else index.set(key, new Set([cohort]));
}

function unfile(index: Map<number, Set<Float64Array>>, key: number, cohort: Float64Array): void {
  const cohorts = index.get(key);
  cohorts?.delete(cohort);
  if (cohorts?.size === 0) index.delete(key);
}

export interface GuardLimits {
  /** How many published cells' cohorts are remembered. */
  maxCells: number;
  /** How many releases all remembered cohorts may hold together (8 bytes each). */
  maxMembers: number;
}

export const DEFAULT_GUARD_LIMITS: GuardLimits = { maxCells: 20_000, maxMembers: 20_000_000 };

/** |a Δ b| for sorted arrays, or some number over `most` as soon as it passes it. */
function distance(a: Float64Array, b: Float64Array, most: number): number {
  let i = 0;
  let j = 0;
  let apart = 0;
  while (i < a.length && j < b.length && apart <= most) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else {
      apart++;
      if (a[i] < b[j]) i++;
      else j++;
    }
  }
  return apart + (a.length - i) + (b.length - j);
}

/** A sorted array without repeats. */
function distinct(sorted: Float64Array): Float64Array {
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[kept++] = sorted[i];
  }
  return sorted.subarray(0, kept);
}

/**
 * A release's key as a 52-bit number, exact in a double: two 32-bit multiply-xor lanes over the
 * key's UTF-16 units (FNV-1a and a second multiplier), each mixed with the other at the end.
 * The chance of any collision among a million keys is about one in ten thousand.
 */
export function memberHash(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
  }
  const low = avalanche(a ^ Math.imul(b, 0x9e3779b1));
  const high = avalanche(b ^ Math.imul(low, 0x85ebca6b)) & 0xfffff;
  return high * 0x1_0000_0000 + low;
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function avalanche(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
