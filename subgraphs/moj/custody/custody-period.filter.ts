import { Field, InputType } from 'type-graphql';
import { badUserInput } from '../../../lib/errors';
import { DateScalar } from '../../../lib/scalars';
import { ReleaseType } from './custody.enums';

@InputType({ description: 'Narrows a list of custody periods; every field given must match.' })
export class CustodyPeriodFilter {
  @Field(() => String, { nullable: true, description: 'The prison, e.g. BWI.' })
  establishmentCode?: string | null;

  @Field(() => ReleaseType, { nullable: true })
  releaseType?: ReleaseType | null;

  @Field(() => DateScalar, { nullable: true, description: 'Released on or after this date.' })
  releasedFrom?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Released on or before this date.' })
  releasedTo?: Date | null;
}

/** A parsed `Date` back to the 'YYYY-MM-DD' string date columns hold, so comparisons are ISO. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The filter's release-date range as ISO strings; refuses a range that ends before it starts. */
export function releaseRange(filter: CustodyPeriodFilter | null) {
  const from = filter?.releasedFrom ? isoDate(filter.releasedFrom) : null;
  const to = filter?.releasedTo ? isoDate(filter.releasedTo) : null;
  if (from && to && from > to) {
    throw badUserInput('filter', 'filter.releasedFrom must not be after filter.releasedTo.');
  }
  return { from, to };
}
