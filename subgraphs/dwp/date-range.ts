import { badUserInput } from '../../lib/errors';

/** A `DateScalar` input as the 'YYYY-MM-DD' string that `date` columns hold. */
export function isoDate(value: Date | null | undefined): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

/** Both ends of an inclusive date-range filter, refusing a range that ends before it starts. */
export function dateRange(
  argument: string,
  from: Date | null | undefined,
  to: Date | null | undefined,
): { from: string | null; to: string | null } {
  const range = { from: isoDate(from), to: isoDate(to) };
  if (range.from && range.to && range.from > range.to) {
    throw badUserInput(argument, `${argument} must not end before it starts.`);
  }
  return range;
}
