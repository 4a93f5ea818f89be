import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { CohortCount, parseCohort } from '../../../lib/reporting/cohort';
import type { VcsContext } from '../context';
import { serviceUsers, supportCohortCounts } from './support-cohort';

/** What the charities count for a reporting cohort, named by pseudonymous key only. */
@Resolver()
export class SupportCohortResolver {
  @Directive('@inaccessible')
  @Query(() => [CohortCount], {
    description: "For the reporting service: each cell's charity counts (referrals, engagement).",
  })
  supportCohortCounts(
    @Arg('cohort', () => String) cohort: string,
    @Ctx() context: VcsContext,
  ): Promise<CohortCount[]> {
    return supportCohortCounts(context.database, parseCohort(cohort));
  }

  @Directive('@inaccessible')
  @Query(() => String, {
    description:
      'For the reporting service: JSON { position, service }, the kinds of charity service each ' +
      'release (by position in the cohort) was followed by.',
  })
  async serviceUsers(
    @Arg('cohort', () => String) cohort: string,
    @Ctx() context: VcsContext,
  ): Promise<string> {
    return JSON.stringify(await serviceUsers(context.database, parseCohort(cohort)));
  }
}
