import { keyHash } from './blocking';

/**
 * Which records are filed under which key, for millions of records: the records present when
 * built sit in one sorted array of (key hash, record number) packed into exact doubles, found by
 * binary search; records filed later go in a small map beside it. A V8 Map of string keys to
 * Sets would need more entries than a Map may hold, and gigabytes for the strings.
 *
 * Keys are hashed, so a lookup may also return a record filed under a key whose hash collides:
 * callers score what they find, so that costs one comparison, never a wrong answer.
 */
export class Postings {
  private readonly scale: number;
  private readonly shift: number;
  private readonly added = new Map<number, number[]>();

  private constructor(
    private readonly packed: Float64Array,
    recordBits: number,
  ) {
    this.scale = 2 ** recordBits;
    this.shift = Math.max(0, recordBits - 21);
  }

  /**
   * Files each record (numbered by position) under the keys `keysOf` gives it; `capacity`, the
   * most records numbered, sets how many bits record numbers take and so how many the hash keeps.
   */
  static build<T>(
    records: readonly T[],
    keysOf: (record: T) => readonly string[],
    capacity = records.length,
  ): Postings {
    const recordBits = Math.max(1, Math.ceil(Math.log2(Math.max(capacity, records.length) + 1)));
    const shift = Math.max(0, recordBits - 21);
    let packed = new Float64Array(records.length * 2);
    let count = 0;
    records.forEach((record, r) => {
      for (const hash of new Set(keysOf(record).map(keyHash))) {
        if (count === packed.length) packed = grow(packed);
        packed[count++] = (hash >>> shift) * 2 ** recordBits + r;
      }
    });
    const sorted = packed.slice(0, count);
    sorted.sort();
    return new Postings(sorted, recordBits);
  }

  /** Files a record added after the build. */
  add(key: string, record: number): void {
    const hash = keyHash(key);
    const list = this.added.get(hash);
    if (list) list.push(record);
    else this.added.set(hash, [record]);
  }

  /** Record numbers filed under `key`, perhaps with some no longer live: callers check. */
  get(key: string): number[] {
    const hash = keyHash(key);
    const found = [...(this.added.get(hash) ?? [])];
    const block = hash >>> this.shift;
    for (let i = this.lowerBound(block * this.scale); i < this.packed.length; i++) {
      const value = this.packed[i];
      if (Math.floor(value / this.scale) !== block) break;
      found.push(value - block * this.scale);
    }
    return found;
  }

  private lowerBound(target: number): number {
    let [low, high] = [0, this.packed.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.packed[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function grow(array: Float64Array): Float64Array<ArrayBuffer> {
  const larger = new Float64Array(array.length * 2);
  larger.set(array);
  return larger;
}
