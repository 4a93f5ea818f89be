import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { ReadinessFact, TimelineFact } from '../../../lib/person-facts';
import type { MojContext } from '../context';
import { CustodyRelease } from './custody-release.type';
import { custodyReleases } from './custody-releases';
import { askedKeys } from './fact-keys';
import { prisonReadiness } from './prison-readiness';
import { prisonTimeline } from './prison-timeline';
import { probationReadiness } from './probation-readiness';

/** What MoJ tells the identity service about the records it holds, each in one statement. */
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
    return prisonReadiness(context.database, askedKeys('prisonNumbers', prisonNumbers));
  }

  @Directive('@inaccessible')
  @Query(() => [ReadinessFact], {
    description:
      'For the identity service: HOUSING_ON_RELEASE for each probation case that exists.',
  })
  probationReadiness(
    @Arg('crns', () => [String]) crns: string[],
    @Ctx() context: MojContext,
  ): Promise<ReadinessFact[]> {
    return probationReadiness(context.database, askedKeys('crns', crns));
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
    return prisonTimeline(context.database, askedKeys('prisonNumbers', prisonNumbers));
  }
}
