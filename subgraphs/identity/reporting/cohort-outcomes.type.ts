import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgeBand } from '../../../lib/reporting/age-band';
import { ServiceKind } from '../caseload/caseload.type';
import { Controller } from '../person-view/controller-facts';

export enum CohortDimension {
  MONTH = 'MONTH',
  ESTABLISHMENT = 'ESTABLISHMENT',
  REGION = 'REGION',
  SEX = 'SEX',
  AGE_BAND = 'AGE_BAND',
  SERVICE = 'SERVICE',
}

export enum SuppressionReason {
  LOW_COUNT = 'LOW_COUNT',
  SECONDARY = 'SECONDARY',
  LOW_BASE = 'LOW_BASE',
  DIFFERENCING = 'DIFFERENCING',
}

registerEnumType(AgeBand, { name: 'AgeBand', description: 'Age at release.' });
registerEnumType(CohortDimension, {
  name: 'CohortDimension',
  description: 'What a cohort table can be broken down by.',
  valuesConfig: {
    MONTH: { description: 'Month of release, YYYY-MM.' },
    SERVICE: {
      description:
        'Kind of charity service the person was referred to, from reception to 26 weeks after ' +
        'release. A person referred to two kinds counts under each; the total counts them once.',
    },
  },
});
registerEnumType(SuppressionReason, {
  name: 'SuppressionReason',
  description: 'Why a value is not shown (see the README: Reporting, disclosure control).',
  valuesConfig: {
    LOW_COUNT: { description: 'Fewer than the threshold (10) people.' },
    SECONDARY: { description: 'Hidden so that another hidden value cannot be worked out.' },
    LOW_BASE: { description: 'A rate or median over fewer than the threshold people.' },
    DIFFERENCING: {
      description:
        'Differs by a few people from a group already published: it would single them out.',
    },
  },
});

@InputType({
  description: 'Who is in a cohort: releases in whole months, narrowed by each condition given.',
})
export class CohortFilter {
  @Field(() => String, { description: 'First month of release, YYYY-MM.' })
  releasedFrom!: string;

  @Field(() => String, { description: 'Last month of release, YYYY-MM (inclusive).' })
  releasedTo!: string;

  @Field(() => String, { nullable: true, description: 'Establishment code, e.g. LEI.' })
  establishment?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'FEMALE or MALE.' })
  sex?: string | null;

  @Field(() => AgeBand, { nullable: true })
  ageBand?: AgeBand | null;

  @Field(() => String, { nullable: true, description: 'As MoJ records it, e.g. PAROLE.' })
  releaseType?: string | null;

  @Field(() => ServiceKind, {
    nullable: true,
    description: 'Referred to a charity service of this kind, reception to 26 weeks after release.',
  })
  service?: ServiceKind | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Referred to this DWP programme (e.g. RESTART_SCHEME), reception to 26 weeks after.',
  })
  programme?: string | null;
}

@ObjectType({
  description: 'A count after disclosure control: a multiple of the rounding base, or hidden.',
})
export class ProtectedCount {
  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  value!: number | null;

  @Field(() => SuppressionReason, { nullable: true })
  suppressed!: SuppressionReason | null;
}

@ObjectType({ description: 'A percentage, from the published (rounded) counts, or hidden.' })
export class ProtectedRate {
  @Field(() => Float, { nullable: true, description: 'Percent, one decimal place.' })
  percent!: number | null;

  @Field(() => SuppressionReason, { nullable: true })
  suppressed!: SuppressionReason | null;
}

@ObjectType({ description: 'How many of the releases, and what share of them.' })
export class ShareOfReleases {
  @Field(() => ProtectedCount)
  count!: ProtectedCount;

  @Field(() => ProtectedRate, { description: 'Of the releases in the row.' })
  rate!: ProtectedRate;
}

@ObjectType({
  description:
    'In employment as probation recorded it, counted as HMPPS counts it: per release, out of ' +
    'those whose status was known and who were available for work (both counts shown).',
})
export class EmploymentShare {
  @Field(() => ProtectedCount, { description: 'Employed or self-employed.' })
  employed!: ProtectedCount;

  @Field(() => ProtectedCount, {
    description: 'Releases with a known status, not unavailable for work: the denominator.',
  })
  knownAndAvailable!: ProtectedCount;

  @Field(() => ProtectedRate)
  rate!: ProtectedRate;
}

@ObjectType({ description: 'A median in whole days, or hidden.' })
export class ProtectedMedian {
  @Field(() => Int, { nullable: true })
  days!: number | null;

  @Field(() => SuppressionReason, { nullable: true })
  suppressed!: SuppressionReason | null;
}

@ObjectType({ description: "A row's place in the breakdown; null for a dimension not grouped by." })
export class CohortGroup {
  @Field(() => String, { nullable: true })
  month!: string | null;

  @Field(() => String, { nullable: true })
  establishment!: string | null;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true })
  sex!: string | null;

  @Field(() => AgeBand, { nullable: true })
  ageBand!: AgeBand | null;

  @Field(() => ServiceKind, { nullable: true })
  service!: ServiceKind | null;
}

@ObjectType({ description: 'One row of a cohort table: its releases and their outcomes.' })
export class CohortOutcomeRow {
  @Field(() => CohortGroup)
  group!: CohortGroup;

  @Field(() => ProtectedCount, {
    description: 'Releases in the period (a person released twice counts twice).',
  })
  released!: ProtectedCount;

  @Field(() => ShareOfReleases, {
    nullable: true,
    description: 'UC claim made from reception to the day before release.',
  })
  ucClaimBeforeRelease!: ShareOfReleases | null;

  @Field(() => ShareOfReleases, {
    nullable: true,
    description: 'UC claim made by 7 days after release (including before).',
  })
  ucClaimWithin7Days!: ShareOfReleases | null;

  @Field(() => ShareOfReleases, {
    nullable: true,
    description: 'UC claim made by 28 days after release (including before).',
  })
  ucClaimWithin28Days!: ShareOfReleases | null;

  @Field(() => ProtectedMedian, {
    nullable: true,
    description: 'Release to first payment of such a claim, for those paid.',
  })
  medianDaysToFirstPayment!: ProtectedMedian | null;

  @Field(() => ShareOfReleases, {
    nullable: true,
    description: 'Referred to a charity employment service before release.',
  })
  referredBeforeRelease!: ShareOfReleases | null;

  @Field(() => ShareOfReleases, {
    nullable: true,
    description: 'Engaged with a charity at least 4 weeks before release.',
  })
  engagedFourWeeksBeforeRelease!: ShareOfReleases | null;

  @Field(() => ShareOfReleases, {
    nullable: true,
    description: 'Paid work on temporary licence during the sentence.',
  })
  rotlPaidWork!: ShareOfReleases | null;

  @Field(() => EmploymentShare, { nullable: true })
  employedAt6Weeks!: EmploymentShare | null;

  @Field(() => EmploymentShare, { nullable: true })
  employedAt6Months!: EmploymentShare | null;

  @Field(() => ShareOfReleases, {
    nullable: true,
    description: 'Job start recorded by DWP within 13 weeks of release.',
  })
  jobStartWithin13Weeks!: ShareOfReleases | null;

  @Field(() => ShareOfReleases, {
    nullable: true,
    description: 'A job started within 26 weeks of release, held 13 weeks.',
  })
  jobSustained13Weeks!: ShareOfReleases | null;

  @Field(() => ShareOfReleases, {
    nullable: true,
    description: 'A job started within 26 weeks of release, held 26 weeks.',
  })
  jobSustained26Weeks!: ShareOfReleases | null;
}

@ObjectType({ description: 'The disclosure rules a table was published under.' })
export class DisclosureRulesApplied {
  @Field(() => Int, { description: 'Counts under this are hidden.' })
  threshold!: number;

  @Field(() => Int, { description: 'Counts shown are rounded to a multiple of this.' })
  base!: number;
}

@ObjectType({
  description: 'Cohort outcomes, after statistical disclosure control: never a person.',
})
export class CohortOutcomes {
  @Field(() => [CohortDimension])
  groupBy!: CohortDimension[];

  @Field(() => [CohortOutcomeRow])
  rows!: CohortOutcomeRow[];

  @Field(() => CohortOutcomeRow)
  total!: CohortOutcomeRow;

  @Field(() => DisclosureRulesApplied)
  disclosure!: DisclosureRulesApplied;

  @Field(() => [Controller], {
    description: 'Controllers that could not answer: their measures are null in every row.',
  })
  unavailableFrom!: Controller[];
}

@ObjectType({
  description: 'One group of a comparison: those who had the service, and those who did not.',
})
export class ServiceComparisonRow {
  @Field(() => CohortGroup)
  group!: CohortGroup;

  @Field(() => CohortOutcomeRow, { description: 'Releases followed by the service.' })
  withService!: CohortOutcomeRow;

  @Field(() => CohortOutcomeRow, {
    description: 'Releases in the same group (period, establishment…) not followed by it.',
  })
  withoutService!: CohortOutcomeRow;
}

@ObjectType({
  description:
    'Outcomes of those who had a charity service beside those released in the same period and ' +
    'group who did not, both sides counted: a comparison, not a measure of what the service caused.',
})
export class ServiceComparison {
  @Field(() => ServiceKind)
  service!: ServiceKind;

  @Field(() => [CohortDimension])
  groupBy!: CohortDimension[];

  @Field(() => [ServiceComparisonRow])
  rows!: ServiceComparisonRow[];

  @Field(() => CohortOutcomeRow, { description: 'Everyone in the cohort, with or without it.' })
  total!: CohortOutcomeRow;

  @Field(() => String, { description: 'How to read it.' })
  caveat!: string;

  @Field(() => DisclosureRulesApplied)
  disclosure!: DisclosureRulesApplied;

  @Field(() => [Controller])
  unavailableFrom!: Controller[];
}
