import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, MAX_PAGE_SIZE } from '../../../lib/pagination';
import { DateScalar } from '../../../lib/scalars';
import { Person } from '../person/person.entity';
import { WorkReadinessStatus } from '../readiness/work-readiness.type';

// ServiceKind and ReferralStatus repeat vcs's values: Federation requires an enum used in input
// to be the same in every subgraph, so composition fails if they ever drift apart.
export enum ServiceKind {
  IPS_EMPLOYMENT_SUPPORT = 'IPS_EMPLOYMENT_SUPPORT',
  MENTORING = 'MENTORING',
  CV_AND_DISCLOSURE_LETTER = 'CV_AND_DISCLOSURE_LETTER',
  THROUGH_THE_GATE = 'THROUGH_THE_GATE',
  TRAINING = 'TRAINING',
}

export enum ReferralStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum CaseloadOrder {
  NEAREST_RELEASE = 'NEAREST_RELEASE',
  RELEASE_DATE = 'RELEASE_DATE',
  REFERRED_ON = 'REFERRED_ON',
}

registerEnumType(ServiceKind, { name: 'ServiceKind' });
registerEnumType(ReferralStatus, { name: 'ReferralStatus' });
registerEnumType(CaseloadOrder, {
  name: 'CaseloadOrder',
  valuesConfig: {
    NEAREST_RELEASE: { description: 'Fewest days to or since release first; none known last.' },
    RELEASE_DATE: { description: 'Earliest (expected) release date first; none known last.' },
    REFERRED_ON: { description: 'Most recently referred first.' },
  },
});

@InputType({ description: 'Which of the caseload to list; every condition given must hold.' })
export class CaseloadFilter {
  @Field(() => DateScalar, { nullable: true, description: '(Expected) release on or after.' })
  releaseFrom?: string | Date | null;

  @Field(() => DateScalar, { nullable: true, description: '(Expected) release on or before.' })
  releaseTo?: string | Date | null;

  @Field(() => Boolean, { nullable: true, description: 'In custody, out within 12 weeks.' })
  releaseWithin12Weeks?: boolean | null;

  @Field(() => ServiceKind, { nullable: true })
  service?: ServiceKind | null;

  @Field(() => ReferralStatus, { nullable: true, description: 'PENDING or ACTIVE.' })
  status?: ReferralStatus | null;

  @Field(() => WorkReadinessStatus, { nullable: true })
  readiness?: WorkReadinessStatus | null;
}

@ArgsType()
export class CaseloadArgs {
  @Field(() => CaseloadFilter, { nullable: true })
  filter?: CaseloadFilter | null;

  @Field(() => CaseloadOrder, { defaultValue: CaseloadOrder.NEAREST_RELEASE })
  order: CaseloadOrder = CaseloadOrder.NEAREST_RELEASE;

  @Field(() => Int, { defaultValue: 20, description: `How many to return, 1 to ${MAX_PAGE_SIZE}.` })
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'Return what comes after this cursor.' })
  after?: string | null;
}

@ObjectType({ description: "The open referral that puts a person on the caller's caseload." })
export class OpenReferral {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  supportRecordId!: string;

  @Field(() => ServiceKind)
  service!: ServiceKind;

  @Field(() => String)
  serviceName!: string;

  @Field(() => ReferralStatus)
  status!: ReferralStatus;

  @Field(() => DateScalar)
  referredOn!: string;
}

@ObjectType({ description: "A person's latest time in custody, as the prison holds it." })
export class CaseloadRelease {
  @Field(() => DateScalar, { nullable: true, description: 'Actual, or else expected, release.' })
  date!: string | null;

  @Field(() => Boolean, { description: 'True while still in custody: the date is expected.' })
  expected!: boolean;

  @Field(() => String, { nullable: true })
  releaseType!: string | null;

  @Field(() => String)
  establishment!: string;
}

@ObjectType({ description: "One person on a coordinator's caseload." })
export class CaseloadEntry {
  @Field(() => Person, { description: 'Everything else about them, as the caller may see it.' })
  person!: Person;

  @Field(() => OpenReferral)
  referral!: OpenReferral;

  /** Shown as `release` by CaseloadEntryResolver, which says when MOJ could not answer. */
  releaseFacts!: CaseloadRelease | null;
  releaseUnavailable!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Days from release to today: negative while release is still to come.',
  })
  daysSinceRelease!: number | null;
}

@ObjectType()
export class CaseloadEntryConnection extends ConnectionType(CaseloadEntry) {
  @Field(() => Int, { description: 'People on the caseload who fit the filter.' })
  totalCount!: number;
}
