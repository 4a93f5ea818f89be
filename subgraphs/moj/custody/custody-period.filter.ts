import { Field, InputType } from 'type-graphql';
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
