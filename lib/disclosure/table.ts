/** A count measure and what it is a share of (another count measure in the same table), if anything. */
export interface CountMeasure {
  name: string;
  denominator?: string;
}

/** A median measure: the median of some values per cell, with how many values it is over. */
export interface MedianMeasure {
  name: string;
}

export interface RawCell {
  /** The group's value for each groupBy dimension, e.g. { month: '2026-03', establishment: 'HMP Leeds' }; {} for the total. */
  group: Record<string, string>;
  /** Exact counts per count measure. */
  counts: Record<string, number>;
  medians: Record<string, { value: number | null; n: number }>;
  /** Hashes of the releases (people) the cell's cohort is made of: for the differencing guard. */
  members: readonly number[];
}

/** Exact aggregates as the queries produce them: never leaves the hub. */
export interface RawTable {
  dimensions: string[];
  counts: CountMeasure[];
  medians: MedianMeasure[];
  rows: RawCell[];
  total: RawCell;
}

/**
 * Why a value is withheld. LOW_COUNT: the count is under the threshold. SECONDARY: withheld so
 * that a LOW_COUNT (or DIFFERENCING) value cannot be worked out from the others. LOW_BASE: a rate
 * or median over fewer people than the threshold. DIFFERENCING: the cell's people are within a few
 * of a cell already published.
 */
export type SuppressionReason = 'LOW_COUNT' | 'SECONDARY' | 'LOW_BASE' | 'DIFFERENCING';

export interface ProtectedValue {
  value: number | null;
  suppressed: SuppressionReason | null;
}

export interface ProtectedCell {
  group: Record<string, string>;
  counts: Record<string, ProtectedValue>;
  /** One per count measure with a denominator, keyed by its name: a percentage to 1 decimal place. */
  rates: Record<string, ProtectedValue>;
  medians: Record<string, ProtectedValue>;
}

/** What a report may show. */
export interface ProtectedTable {
  dimensions: string[];
  rows: ProtectedCell[];
  total: ProtectedCell;
}
