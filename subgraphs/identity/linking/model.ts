import { FIELDS, FIELD_NAMES, type FieldName, MISSING } from './comparisons';

/**
 * Fellegi-Sunter parameters: for each field and level, how often true matches (m) and
 * non-matches (u) reach it, and the share of candidate pairs that match (lambda).
 */
export interface ModelParameters {
  lambda: number;
  m: number[][];
  u: number[][];
}

/** Per field, how often each value is written: "SMITH" agreeing says less than "ABERNETHY". */
export type TermFrequencies = Partial<Record<FieldName, Map<string, number>>>;

const FLOOR = 1e-6;

/** Where EM starts: agreement likely for matches, and as often as chance for non-matches. */
export function startingParameters(u: number[][]): ModelParameters {
  const m = FIELD_NAMES.map((field) => {
    const levels = FIELDS[field].length;
    return Array.from({ length: levels }, (_, level) =>
      level === 0 ? 0.9 : level === levels - 1 ? 0.02 : 0.08 / Math.max(1, levels - 2),
    );
  });
  return { lambda: 0.1, m, u };
}

/**
 * u from random pairs, which are almost all non-matches (Splink's estimate_u_using_random_sampling).
 * `levelsOf(a, b)` compares two record indices; the sampling is seeded, so reruns agree.
 */
export function estimateU(
  recordCount: number,
  levelsOf: (a: number, b: number) => number[] | null,
  samples = 100_000,
): number[][] {
  const counts = FIELD_NAMES.map((field) => new Array<number>(FIELDS[field].length).fill(1));
  const random = seededRandom(20261123);
  for (let drawn = 0, tries = 0; drawn < samples && tries < samples * 3; tries++) {
    const levels = levelsOf(Math.floor(random() * recordCount), Math.floor(random() * recordCount));
    if (!levels) continue;
    drawn++;
    levels.forEach((level, field) => {
      if (level !== MISSING) counts[field][level]++;
    });
  }
  return counts.map(normalise);
}

/**
 * One EM session: the pairs some blocking rules found, and the fields those rules did not use.
 * A field used to block agrees on nearly every blocked pair, match or not, so EM cannot learn its
 * m there (Splink trains the same way, one blocking rule per session).
 */
export interface TrainingSession {
  rules: readonly number[];
  learns: readonly FieldName[];
}

export const TRAINING_SESSIONS: readonly TrainingSession[] = [
  { rules: [0, 1, 2], learns: ['givenName', 'familyName', 'dateOfBirth', 'postcode'] },
  { rules: [3], learns: ['postcode', 'nino', 'prisonNumber', 'pncNumber'] },
];

/** m for every field (`pairRules`: per pair, a bit for each blocking rule it shares a key under): each learnt in the sessions that may learn it, averaged; u held fixed. */
export function estimateM(
  levels: Uint8Array,
  pairRules: Uint8Array,
  start: ModelParameters,
  sessions: readonly TrainingSession[] = TRAINING_SESSIONS,
): ModelParameters {
  const learnt = FIELD_NAMES.map(() => [] as number[][]);
  for (const session of sessions) {
    const fields = session.learns.map((field) => FIELD_NAMES.indexOf(field));
    const pairs: number[] = [];
    const mask = session.rules.reduce((bits, rule) => bits | (1 << rule), 0);
    pairRules.forEach((shared, pair) => {
      if (shared & mask) pairs.push(pair);
    });
    if (!pairs.length) continue;
    const m = emSession(levels, pairs, fields, start);
    for (const field of fields) learnt[field].push(m[field]);
  }
  const m = start.m.map((row, field) =>
    learnt[field].length
      ? normalise(row.map((_, level) => learnt[field].reduce((sum, m) => sum + m[level], 0)))
      : row,
  );
  return { lambda: start.lambda, m, u: start.u };
}

function emSession(
  levels: Uint8Array,
  pairs: number[],
  fields: number[],
  start: ModelParameters,
  iterations = 20,
): number[][] {
  const width = FIELD_NAMES.length;
  let m = start.m;
  let lambda = 0.5;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const sums = m.map((row) => new Array<number>(row.length).fill(1e-3));
    let matched = 0;
    for (const pair of pairs) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (const f of fields) {
        const level = levels[pair * width + f];
        if (level === MISSING) continue;
        pm *= m[f][level];
        pu *= start.u[f][level];
      }
      const posterior = pm / (pm + pu);
      matched += posterior;
      for (const f of fields) {
        const level = levels[pair * width + f];
        if (level !== MISSING) sums[f][level] += posterior;
      }
    }
    m = m.map((row, f) => (fields.includes(f) ? normalise(sums[f]) : row));
    lambda = Math.min(Math.max(matched / pairs.length, FLOOR), 1 - FLOOR);
  }
  return m;
}

/**
 * The prior: the chance two records picked at random are the same person, from how many people
 * the records could belong to (each person holds about `recordsPerPerson` records).
 */
export function priorLambda(recordCount: number, recordsPerPerson = 3): number {
  const people = Math.max(recordCount / recordsPerPerson, 1);
  const pairs = (recordCount * (recordCount - 1)) / 2;
  const matchingPairs = people * ((recordsPerPerson * (recordsPerPerson - 1)) / 2);
  return Math.min(Math.max(matchingPairs / Math.max(pairs, 1), FLOOR), 0.5);
}

function normalise(row: number[]): number[] {
  const total = row.reduce((sum, value) => sum + value, 0);
  return row.map((value) => Math.max(value / total, FLOOR));
}

/** mulberry32: a small seeded generator, so sampling is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
