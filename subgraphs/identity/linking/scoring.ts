import { type ComparisonVector, FIELDS, FIELD_NAMES, type FieldName, MISSING } from './comparisons';
import type { RecordFeatures } from './features';
import type { ModelParameters, TermFrequencies } from './model';

/** One field's part in a match: the level two records reached and what it was worth, in bits. */
export interface MatchReason {
  field: FieldName;
  level: string;
  weight: number;
}

export interface MatchExplanation {
  probability: number;
  /** The prior's weight plus every field's, in bits (log2 of the Bayes factor). */
  matchWeight: number;
  /** Set when a deterministic rule decided: a trusted identifier agreed and nothing disagreed. */
  rule: string | null;
  reasons: MatchReason[];
  namesSwapped: boolean;
  matchedAlias: boolean;
}

const IDENTIFIERS: FieldName[] = ['nino', 'prisonNumber', 'pncNumber'];
const FIELD_INDEX = Object.fromEntries(FIELD_NAMES.map((f, i) => [f, i])) as Record<
  FieldName,
  number
>;
const DIFFERENT = (field: FieldName) => FIELDS[field].length - 1;

/** Whether any field argues against a pair: what stops an agreeing identifier deciding it. */
export function contradicts(levels: ArrayLike<number>): boolean {
  const at = (field: FieldName) => levels[FIELD_INDEX[field]];
  return (
    IDENTIFIERS.some((field) => at(field) === 1) ||
    at('dateOfBirth') === DIFFERENT('dateOfBirth') ||
    (at('givenName') === DIFFERENT('givenName') && at('familyName') === DIFFERENT('familyName'))
  );
}

/** Whether a trusted identifier (NINO, prison number, PNC) is the same on both records. */
export const identifierAgrees = (levels: ArrayLike<number>) =>
  IDENTIFIERS.some((field) => levels[FIELD_INDEX[field]] === 0);

/** The trusted identifier that decides the pair, or null when any field argues against it. */
export function deterministicRule(levels: ArrayLike<number>): string | null {
  const agreeing = IDENTIFIERS.find((field) => levels[FIELD_INDEX[field]] === 0);
  if (!agreeing || contradicts(levels)) return null;
  return `${agreeing} agrees and nothing disagrees`;
}

export const probabilityOf = (weight: number) => 1 / (1 + 2 ** -weight);

/** Scores compared pairs with the model's weights, adjusted for how common an agreeing name is. */
export class MatchScorer {
  private readonly weights: number[][];
  private readonly prior: number;

  constructor(
    readonly parameters: ModelParameters,
    private readonly frequencies: TermFrequencies = {},
  ) {
    this.weights = parameters.m.map((row, f) =>
      row.map((m, level) => Math.log2(m / parameters.u[f][level])),
    );
    this.prior = Math.log2(parameters.lambda / (1 - parameters.lambda));
  }

  fieldWeight(field: number, level: number, a: RecordFeatures, b: RecordFeatures): number {
    if (level === MISSING) return 0;
    if (level === 0 && field <= 1) {
      const value = field === 0 ? a.names[0].given : a.names[0].family;
      const other = field === 0 ? b.names[0].given : b.names[0].family;
      const frequency =
        value === other ? this.frequencies[FIELD_NAMES[field]]?.get(value) : undefined;
      if (frequency) return Math.log2(this.parameters.m[field][0] / Math.max(frequency, 1e-6));
    }
    return this.weights[field][level];
  }

  weight(levels: ArrayLike<number>, a: RecordFeatures, b: RecordFeatures): number {
    let total = this.prior;
    for (let f = 0; f < levels.length; f++) total += this.fieldWeight(f, levels[f], a, b);
    return total;
  }

  explain(vector: ComparisonVector, a: RecordFeatures, b: RecordFeatures): MatchExplanation {
    const rule = deterministicRule(vector.levels);
    const reasons = FIELD_NAMES.flatMap((field, f) => {
      const level = vector.levels[f];
      if (level === MISSING) return [];
      return [
        { field, level: FIELDS[field][level], weight: round(this.fieldWeight(f, level, a, b)) },
      ];
    });
    const matchWeight = this.weight(vector.levels, a, b);
    return {
      probability: rule ? 1 : probabilityOf(matchWeight),
      matchWeight: round(matchWeight),
      rule,
      reasons,
      namesSwapped: vector.namesSwapped,
      matchedAlias: vector.matchedAlias,
    };
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

/** How often each main given and family name is written, as a share of all records. */
export function termFrequencies(records: RecordFeatures[]): TermFrequencies {
  const given = new Map<string, number>();
  const family = new Map<string, number>();
  for (const record of records) {
    const [name] = record.names;
    given.set(name.given, (given.get(name.given) ?? 0) + 1);
    family.set(name.family, (family.get(name.family) ?? 0) + 1);
  }
  for (const counts of [given, family]) {
    for (const [value, count] of counts) counts.set(value, count / records.length);
  }
  return { givenName: given, familyName: family };
}
