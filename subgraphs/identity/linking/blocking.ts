import type { RecordFeatures } from './features';
import { AUTHORITATIVE_SOURCES } from './source-record';

/** Records share a block when they share a key; only pairs inside a block are compared. */
export interface BlockingRule {
  name: string;
  keys(record: RecordFeatures): string[];
}

const unique = (values: string[]) => [...new Set(values.filter(Boolean))].sort();

/** Name sounds a record could be known by: as written, aliases, and the formal given name. */
function nameSounds(record: RecordFeatures): string[] {
  return unique(
    record.names.flatMap((name) => [name.givenSound, name.familySound, ...name.formalSounds]),
  );
}

/**
 * Each name's sound paired with the other name's start, both ways round: a slip in either name
 * or the two names swapped still meet, yet a block holds one birthday's few namesakes, not all
 * who share a common first name.
 */
function soundsWithInitials(record: RecordFeatures): string[] {
  return unique(
    record.names.flatMap((name) => [
      ...[name.givenSound, ...name.formalSounds].map((sound) => `${sound}+${name.family[0]}`),
      `${name.familySound}+${name.given[0]}`,
    ]),
  );
}

/** One name's sound with the other as written, both ways round. */
function soundsWithNames(record: RecordFeatures): string[] {
  return unique(
    record.names.flatMap((name) => [
      ...[name.givenSound, ...name.formalSounds].map((sound) => `${sound}/${name.family}`),
      `${name.familySound}/${name.given}`,
    ]),
  );
}

/** Year plus the day and month in either order, so a swapped date lands in the same block. */
function dateKey(record: RecordFeatures): string | null {
  const date = record.dateOfBirth;
  if (!date) return null;
  const [low, high] = [date.month, date.day].sort((a, b) => a - b);
  return `${date.year}-${low}-${high}`;
}

export const BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'nino', keys: (r) => (r.nino ? [r.nino] : []) },
  { name: 'prisonNumber', keys: (r) => (r.prisonNumber ? [r.prisonNumber] : []) },
  { name: 'pncNumber', keys: (r) => (r.pncNumber ? [r.pncNumber] : []) },
  {
    name: 'dateOfBirthAndName',
    keys: (r) => {
      const date = dateKey(r);
      return date ? soundsWithInitials(r).map((names) => `${date}|${names}`) : [];
    },
  },
  {
    name: 'namesAndPartOfDateOfBirth',
    keys: (r) => {
      const date = r.dateOfBirth;
      if (!date) return [];
      return soundsWithNames(r).flatMap((names) => [
        `${names}|${date.month}-${date.day}`,
        `${names}|${date.year}-${date.month}`,
      ]);
    },
  },
  {
    name: 'postcodeAndName',
    keys: (r) => (r.postcode ? nameSounds(r).map((sound) => `${r.postcode?.full}|${sound}`) : []),
  },
];

/** A block this big is a common value, not a lead: comparing it would cost more than it finds. */
export const MAX_BLOCK_SIZE = 500;

export interface CandidatePairs {
  left: Uint32Array;
  right: Uint32Array;
  /** Per pair, a bit for each rule under which it shares a key: EM learns from these. */
  rules: Uint8Array;
  count: number;
  /** Blocks skipped as too large, by rule. */
  skippedBlocks: Record<string, number>;
}

/**
 * Every pair that shares a key under some rule, each once: a pair is kept only by the first
 * rule, and within it the smallest key, that it shares. Two records from the same authoritative
 * source are never candidates: they are two people by definition.
 *
 * Keys are held as 32-bit hashes in flat arrays and grouped by sorting, not in a Map from key
 * to members: a million people have more keys than a V8 Map may hold, and strings for each
 * would take gigabytes. Two keys whose hashes collide only add a pair to compare.
 */
export function candidatePairs(
  records: RecordFeatures[],
  rules: readonly BlockingRule[] = BLOCKING_RULES,
): CandidatePairs {
  const pairs = new PairList();
  const skippedBlocks: Record<string, number> = {};
  const keys = rules.map((rule) => RuleKeys.of(records, rule));
  const shared = (a: number, b: number) =>
    keys.reduce((bits, byRule, rule) => (byRule.shares(a, b) ? bits | (1 << rule) : bits), 0);
  rules.forEach((rule, ruleIndex) => {
    const byRule = keys[ruleIndex];
    for (const { block, members } of byRule.blocks()) {
      if (members.length > MAX_BLOCK_SIZE) {
        skippedBlocks[rule.name] = (skippedBlocks[rule.name] ?? 0) + 1;
        continue;
      }
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const [a, b] = [members[i], members[j]];
          if (sameAuthoritativeSource(records[a], records[b])) continue;
          const bits = shared(a, b);
          const first = 31 - Math.clz32(bits & -bits);
          if (first !== ruleIndex || byRule.blockOf(byRule.firstShared(a, b)) !== block) continue;
          pairs.push(a, b, bits);
        }
      }
    }
  });
  return { ...pairs.done(), skippedBlocks };
}

const sameAuthoritativeSource = (a: RecordFeatures, b: RecordFeatures) =>
  a.record.source === b.record.source && AUTHORITATIVE_SOURCES.includes(a.record.source);

/** FNV-1a, 32 bits. */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** One rule's keys for every record: record r's sorted hashes are hashes[offsets[r]..offsets[r+1]). */
class RuleKeys {
  private constructor(
    private readonly offsets: Uint32Array,
    private readonly hashes: Uint32Array,
  ) {}

  static of(records: RecordFeatures[], rule: BlockingRule): RuleKeys {
    const offsets = new Uint32Array(records.length + 1);
    let hashes = new Uint32Array(records.length * 2);
    let count = 0;
    records.forEach((record, r) => {
      const own = [...new Set(rule.keys(record).map(keyHash))].sort((x, y) => x - y);
      if (count + own.length > hashes.length) hashes = grow(hashes, count + own.length);
      hashes.set(own, count);
      count += own.length;
      offsets[r + 1] = count;
    });
    return new RuleKeys(offsets, hashes.subarray(0, count));
  }

  shares(a: number, b: number): boolean {
    return this.firstShared(a, b) !== -1;
  }

  /** The smallest hash both records have, or -1. */
  firstShared(a: number, b: number): number {
    let [i, j] = [this.offsets[a], this.offsets[b]];
    const [endA, endB] = [this.offsets[a + 1], this.offsets[b + 1]];
    while (i < endA && j < endB) {
      if (this.hashes[i] === this.hashes[j]) return this.hashes[i];
      if (this.hashes[i] < this.hashes[j]) i++;
      else j++;
    }
    return -1;
  }

  /** Record numbers take the low bits of a sort key; the hash's top bits fill what is left. */
  private readonly recordBits = Math.max(1, Math.ceil(Math.log2(this.offsets.length)));
  private readonly shift = Math.max(0, this.recordBits - 21);

  /** The block a key hash falls in: the hash itself, or its top bits when records are many. */
  blockOf(hash: number): number {
    return hash >>> this.shift;
  }

  /** Records grouped by block, found by sorting (block, record) packed into one exact double. */
  *blocks(): Generator<{ block: number; members: number[] }> {
    const scale = 2 ** this.recordBits;
    const packed = new Float64Array(this.hashes.length);
    for (let r = 0; r + 1 < this.offsets.length; r++) {
      for (let k = this.offsets[r]; k < this.offsets[r + 1]; k++) {
        packed[k] = this.blockOf(this.hashes[k]) * scale + r;
      }
    }
    packed.sort();
    for (let start = 0; start < packed.length;) {
      const block = Math.floor(packed[start] / scale);
      const members: number[] = [];
      let end = start;
      for (; end < packed.length && Math.floor(packed[end] / scale) === block; end++) {
        const record = packed[end] - block * scale;
        if (members[members.length - 1] !== record) members.push(record);
      }
      if (members.length > 1) yield { block, members };
      start = end;
    }
  }
}

class PairList {
  private left: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  private right: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  private rules = new Uint8Array(1024);
  private count = 0;

  push(a: number, b: number, rules: number): void {
    if (this.count === this.left.length) {
      this.left = grow(this.left);
      this.right = grow(this.right);
      const rules = new Uint8Array(this.rules.length * 2);
      rules.set(this.rules);
      this.rules = rules;
    }
    this.left[this.count] = a;
    this.right[this.count] = b;
    this.rules[this.count++] = rules;
  }

  done() {
    return {
      left: this.left.subarray(0, this.count),
      right: this.right.subarray(0, this.count),
      rules: this.rules.subarray(0, this.count),
      count: this.count,
    };
  }
}

function grow(array: Uint32Array, atLeast = 0): Uint32Array<ArrayBuffer> {
  const larger = new Uint32Array(Math.max(array.length * 2, atLeast));
  larger.set(array);
  return larger;
}
