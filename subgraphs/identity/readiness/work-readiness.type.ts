import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../lib/scalars';
import { Controller } from '../person-view/controller-facts';

/** The checklist, in the terms prison employment services use, in the order they work through it. */
export enum WorkReadinessItemKind {
  ID = 'ID',
  BANK_ACCOUNT = 'BANK_ACCOUNT',
  CV = 'CV',
  COVERING_LETTER = 'COVERING_LETTER',
  DISCLOSURE_LETTER = 'DISCLOSURE_LETTER',
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  HOUSING_ON_RELEASE = 'HOUSING_ON_RELEASE',
  UC_CLAIM = 'UC_CLAIM',
  EMPLOYMENT_SERVICE_REFERRAL = 'EMPLOYMENT_SERVICE_REFERRAL',
  MENTOR_ASSIGNED = 'MENTOR_ASSIGNED',
  INTERVIEW_CLOTHING = 'INTERVIEW_CLOTHING',
}

/** The same values as vcs's ReadinessStatus, which Federation requires of a shared enum. */
export enum ReadinessStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
}

export enum WorkReadinessStatus {
  SUPPORT_NEEDED = 'SUPPORT_NEEDED',
  READY_TO_WORK = 'READY_TO_WORK',
  SUPPORT_DECLINED = 'SUPPORT_DECLINED',
  NO_RIGHT_TO_WORK = 'NO_RIGHT_TO_WORK',
}

registerEnumType(WorkReadinessItemKind, {
  name: 'WorkReadinessItemKind',
  description: 'One thing a person leaving prison needs before they can start work.',
});
registerEnumType(ReadinessStatus, { name: 'ReadinessStatus' });
registerEnumType(WorkReadinessStatus, {
  name: 'WorkReadinessStatus',
  description: 'Where a person stands overall, as prison employment services put it.',
});
registerEnumType(Controller, {
  name: 'Controller',
  description: 'Who holds a record: DWP, the Ministry of Justice, or a charity.',
});

@ObjectType({ description: 'Where one checklist item stands, from the controller that holds it.' })
export class WorkReadinessItem {
  @Field(() => WorkReadinessItemKind)
  item!: WorkReadinessItemKind;

  @Field(() => ReadinessStatus)
  status!: ReadinessStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Which document, for ID; the accommodation, for housing; STARTED_IN_CUSTODY…',
  })
  detail!: string | null;

  @Field(() => Controller, { description: 'The controller this answer comes from.' })
  source!: Controller;

  @Field(() => String, { nullable: true, description: 'Who recorded it (a user id), if known.' })
  recordedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'When it was recorded, if known.' })
  recordedAt!: string | null;
}

@ObjectType({ description: "A person's readiness for work, across every controller." })
export class WorkReadiness {
  /** Resolved by WorkReadinessResolver: an error when a controller could not answer. */
  overall!: { status: WorkReadinessStatus; reason: string } | null;

  @Field(() => [WorkReadinessItem], { description: 'Every checklist item, in working order.' })
  items!: WorkReadinessItem[];

  @Field(() => Boolean, {
    description: 'Still in custody, with an expected release date in the next 12 weeks.',
  })
  releaseWithin12Weeks!: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'Expected (or actual) release date.' })
  releaseDate!: string | null;

  @Field(() => [Controller], {
    description: 'Controllers that could not answer just now: their items show as NOT_STARTED.',
  })
  unavailableFrom!: Controller[];
}
