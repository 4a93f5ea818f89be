import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from '../../lib/errors';

/** A `DateScalar` argument as the 'YYYY-MM-DD' string date columns hold. */
function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/**
 * Keeps rows whose date `column` (an entity property) falls from `from` to `to`, both inclusive,
 * comparing ISO date strings. Refuses a range that ends before it starts.
 */
export function whereDateBetween<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  range: { from?: Date | null; to?: Date | null; fromArgument: string; toArgument: string },
): void {
  const from = range.from ? isoDate(range.from) : null;
  const to = range.to ? isoDate(range.to) : null;
  if (from && to && from > to) {
    throw badUserInput(
      range.toArgument,
      `${range.toArgument} must not be before ${range.fromArgument}.`,
    );
  }
  const target = `${query.alias}.${column}`;
  if (from) query.andWhere(`${target} >= :${range.fromArgument}`, { [range.fromArgument]: from });
  if (to) query.andWhere(`${target} <= :${range.toArgument}`, { [range.toArgument]: to });
}
