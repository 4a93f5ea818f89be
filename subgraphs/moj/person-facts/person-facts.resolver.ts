import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { ReadinessFact, TimelineFact, askedKeys } from '../../../lib/person-facts';
import type { MojContext } from '../context';
import { recordsOf } from '../../../lib/bundle';
import { type PrisonerRecord, prisonerRecord } from '../prisoner/prisoner.bundle';
import { probationCaseRecord } from '../probation/probation-case.bundle';
import { CustodyRelease } from './custody-release.type';
import { custodyReleases } from './custody-releases';
import { prisonReadiness } from './prison-readiness';
import { prisonTimeline } from './prison-timeline';
import { probationReadiness } from './probation-readiness';

/** The facts `rule` finds in the prisoners' records, read from the request's shared bundles. */
async function prisonerFacts<Fact>(
  context: MojContext,
  prisonNumbers: string[],
  rule: (records: PrisonerRecord[]) => Fact[],
): Promise<Fact[]> {
  return rule(await recordsOf(context.bundles.prisoners, prisonNumbers, prisonerRecord));
}

/**
 * What MoJ tells the identity service about the records it holds: readiness and timeline from
 * the bundles the gateway's own calls share (one statement a root kind), releases on their own.
 */
@Resolver()
export class PersonFactsResolver {
  @Directive('@inaccessible')
  @Query(() => [ReadinessFact], {
    description:
      'For the identity service: ID, BANK_ACCOUNT, RIGHT_TO_WORK and (when declined) SUPPORT ' +
      'for each prisoner that exists.',
  })
  prisonReadiness(
    @Arg('prisonNumbers', () => [String]) prisonNumbers: string[],
    @Ctx() context: MojContext,
  ): Promise<ReadinessFact[]> {
    return prisonerFacts(context, askedKeys('prisonNumbers', prisonNumbers), prisonReadiness);
  }

  @Directive('@inaccessible')
  @Query(() => [ReadinessFact], {
    description:
      'For the identity service: HOUSING_ON_RELEASE for each probation case that exists.',
  })
  async probationReadiness(
    @Arg('crns', () => [String]) crns: string[],
    @Ctx() context: MojContext,
  ): Promise<ReadinessFact[]> {
    const keys = askedKeys('crns', crns);
    return probationReadiness(
      await recordsOf(context.bundles.probationCases, keys, probationCaseRecord),
    );
  }

  @Directive('@inaccessible')
  @Query(() => [CustodyRelease], {
    description: "For the identity service: each prisoner's latest custody period.",
  })
  custodyReleases(
    @Arg('prisonNumbers', () => [String]) prisonNumbers: string[],
    @Ctx() context: MojContext,
  ): Promise<CustodyRelease[]> {
    return custodyReleases(context.database, askedKeys('prisonNumbers', prisonNumbers));
  }

  @Directive('@inaccessible')
  @Query(() => [TimelineFact], {
    description:
      "For the identity service: the prisoners' receptions, releases, temporary licences, " +
      'courses achieved and prison work, by date.',
  })
  prisonTimeline(
    @Arg('prisonNumbers', () => [String]) prisonNumbers: string[],
    @Ctx() context: MojContext,
  ): Promise<TimelineFact[]> {
    return prisonerFacts(context, askedKeys('prisonNumbers', prisonNumbers), prisonTimeline);
  }
}
