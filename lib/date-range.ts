import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './errors';

/** A `Date` scalar input as the 'YYYY-MM-DD' string date columns hold, so comparisons are ISO. */
export function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

export interface DateRangeFilter {
  /** The filter's field names, for the message: e.g. `claimDateFrom` and `claimDateTo`. */
  names: { from: string; to: string };
  from?: Date | null;
  to?: Date | null;
}

/**
 * Keeps rows whose date `column` (an entity property) falls from `from` to `to`, both ends
 * inclusive; refuses a range that ends before it starts with BAD_USER_INPUT on `filter`.
 */
export function whereDateBetween<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  range: DateRangeFilter,
): void {
  const from = range.from ? isoDate(range.from) : null;
  const to = range.to ? isoDate(range.to) : null;
  if (from && to && from > to) {
    throw badUserInput(
      'filter',
      `filter.${range.names.to} must not be before filter.${range.names.from}.`,
    );
  }
  const target = `${query.alias}.${column}`;
  if (from) query.andWhere(`${target} >= :${range.names.from}`, { [range.names.from]: from });
  if (to) query.andWhere(`${target} <= :${range.names.to}`, { [range.names.to]: to });
}
