import { Arg, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import { CohortCount, parseCohort } from '../../../lib/reporting/cohort';
import type { DwpContext } from '../context';
import { claimantCohortCounts, programmeParticipants } from './claimant-cohort';

/** What DWP counts for a reporting cohort; the cohort names people by pseudonymous key only. */
@Resolver()
export class ClaimantCohortResolver {
  @Directive('@inaccessible')
  @Query(() => [CohortCount], {
    description:
      "For the reporting service: each cell's DWP counts (claims, first payment, job starts).",
  })
  claimantCohortCounts(
    @Arg('cohort', () => String) cohort: string,
    @Ctx() context: DwpContext,
  ): Promise<CohortCount[]> {
    return claimantCohortCounts(context.database, parseCohort(cohort));
  }

  @Directive('@inaccessible')
  @Query(() => [Int], {
    description:
      'For the reporting service: the positions in the cohort of the releases followed by a ' +
      'referral to the programme.',
  })
  programmeParticipants(
    @Arg('cohort', () => String) cohort: string,
    @Arg('programme', () => String) programme: string,
    @Ctx() context: DwpContext,
  ): Promise<number[]> {
    return programmeParticipants(context.database, parseCohort(cohort), programme);
  }
}
