import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, MAX_PAGE_SIZE } from '../../../lib/pagination';
import { DateScalar } from '../../../lib/scalars';
import { Controller } from '../person-view/controller-facts';

export enum TimelineEventKind {
  RECEPTION = 'RECEPTION',
  PRISON_WORK_START = 'PRISON_WORK_START',
  COURSE_COMPLETED = 'COURSE_COMPLETED',
  ROTL_START = 'ROTL_START',
  RELEASE = 'RELEASE',
  UC_CLAIM = 'UC_CLAIM',
  FIRST_PAYMENT = 'FIRST_PAYMENT',
  JOBCENTRE_APPOINTMENT = 'JOBCENTRE_APPOINTMENT',
  PROGRAMME_REFERRAL = 'PROGRAMME_REFERRAL',
  PROGRAMME_START = 'PROGRAMME_START',
  REFERRAL = 'REFERRAL',
  REFERRAL_ACCEPTED = 'REFERRAL_ACCEPTED',
  ENGAGEMENT = 'ENGAGEMENT',
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
  TRAINING_START = 'TRAINING_START',
  JOB_START = 'JOB_START',
  JOB_SUSTAINED_13_WEEKS = 'JOB_SUSTAINED_13_WEEKS',
  JOB_SUSTAINED_26_WEEKS = 'JOB_SUSTAINED_26_WEEKS',
}

registerEnumType(TimelineEventKind, {
  name: 'TimelineEventKind',
  description: 'What happened: in prison, at DWP, or with a charity.',
});

@ObjectType({
  description: 'One dated event in a person’s story, from the controller that holds it.',
})
export class TimelineEvent {
  @Field(() => ID, { description: 'Stable: source and event, e.g. MOJ:custody:12:release.' })
  id!: string;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => TimelineEventKind)
  kind!: TimelineEventKind;

  @Field(() => Controller)
  source!: Controller;

  @Field(() => String, { description: 'What happened, in a line; never a case note.' })
  summary!: string;
}

@ObjectType({ description: 'A page of a person’s timeline, oldest first.' })
export class TimelineEventConnection extends ConnectionType(TimelineEvent) {
  @Field(() => Int, { description: 'Events in the whole timeline (after any kinds filter).' })
  totalCount!: number;

  @Field(() => [Controller], {
    description: 'Controllers that could not answer just now: their events are missing.',
  })
  unavailableFrom!: Controller[];
}

@ArgsType()
export class TimelineArgs {
  @Field(() => Int, { defaultValue: 50, description: `How many to return, 1 to ${MAX_PAGE_SIZE}.` })
  first: number = 50;

  @Field(() => String, { nullable: true, description: 'Return what comes after this cursor.' })
  after?: string | null;

  @Field(() => [TimelineEventKind], { nullable: true, description: 'Only these kinds.' })
  kinds?: TimelineEventKind[] | null;
}
