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
      return date ? nameSounds(r).map((sound) => `${date}|${sound}`) : [];
    },
  },
  {
    name: 'namesAndPartOfDateOfBirth',
    keys: (r) => {
      const date = r.dateOfBirth;
      if (!date) return [];
      return unique(
        r.names.flatMap((name) => {
          const pair = [name.givenSound, name.familySound].sort().join('+');
          return [`${pair}|${date.month}-${date.day}`, `${pair}|${date.year}-${date.month}`];
        }),
      );
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
 */
export function candidatePairs(
  records: RecordFeatures[],
  rules: readonly BlockingRule[] = BLOCKING_RULES,
): CandidatePairs {
  const pairs = new PairList();
  const skippedBlocks: Record<string, number> = {};
  const keys = rules.map((rule) => records.map((record) => rule.keys(record)));
  rules.forEach((rule, ruleIndex) => {
    const blocks = new Map<string, number[]>();
    keys[ruleIndex].forEach((recordKeys, index) => {
      for (const key of recordKeys) {
        const block = blocks.get(key);
        if (block) block.push(index);
        else blocks.set(key, [index]);
      }
    });
    for (const [key, members] of blocks) {
      if (members.length < 2) continue;
      if (members.length > MAX_BLOCK_SIZE) {
        skippedBlocks[rule.name] = (skippedBlocks[rule.name] ?? 0) + 1;
        continue;
      }
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const [a, b] = [members[i], members[j]];
          if (sameAuthoritativeSource(records[a], records[b])) continue;
          const shared = sharedRules(keys, a, b);
          const first = 31 - Math.clz32(shared & -shared);
          if (first !== ruleIndex || firstSharedKey(keys[ruleIndex], a, b) !== key) continue;
          pairs.push(a, b, shared);
        }
      }
    }
  });
  return { ...pairs.done(), skippedBlocks };
}

const sameAuthoritativeSource = (a: RecordFeatures, b: RecordFeatures) =>
  a.record.source === b.record.source && AUTHORITATIVE_SOURCES.includes(a.record.source);

/** A bit per rule under which the two records share at least one key. */
function sharedRules(keys: string[][][], a: number, b: number): number {
  let shared = 0;
  keys.forEach((byRecord, rule) => {
    if (byRecord[a].some((key) => byRecord[b].includes(key))) shared |= 1 << rule;
  });
  return shared;
}

function firstSharedKey(keys: string[][], a: number, b: number): string | undefined {
  return keys[a].filter((key) => keys[b].includes(key)).sort()[0];
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

function grow(array: Uint32Array): Uint32Array<ArrayBuffer> {
  const larger = new Uint32Array(array.length * 2);
  larger.set(array);
  return larger;
}
