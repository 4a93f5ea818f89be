import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { IdentityContext } from '../context';
import { cohortOutcomes, serviceComparison } from './cohort-outcomes';
import { ServiceKind } from '../caseload/caseload.type';
import {
  CohortDimension,
  CohortFilter,
  CohortOutcomes,
  ServiceComparison,
} from './cohort-outcomes.type';

@Resolver()
export class CohortOutcomesResolver {
  @Query(() => CohortOutcomes, {
    description:
      'Outcomes for the people released in a period, joined across DWP, MoJ and the charities, ' +
      'broken down as asked, with statistical disclosure control: counts only, never a person.',
  })
  cohortOutcomes(
    @Arg('filter', () => CohortFilter) filter: CohortFilter,
    @Arg('groupBy', () => [CohortDimension], { defaultValue: [] }) groupBy: CohortDimension[],
    @Ctx() context: IdentityContext,
  ): Promise<CohortOutcomes> {
    return cohortOutcomes(context.reporting, filter, groupBy);
  }

  @Query(() => ServiceComparison, {
    description:
      'The same outcomes for the releases followed by a charity service and for those in the ' +
      'same period and group (by default, establishment) that were not, both sides counted.',
  })
  serviceComparison(
    @Arg('filter', () => CohortFilter) filter: CohortFilter,
    @Arg('service', () => ServiceKind) service: ServiceKind,
    @Arg('groupBy', () => [CohortDimension], { defaultValue: [CohortDimension.ESTABLISHMENT] })
    groupBy: CohortDimension[],
    @Ctx() context: IdentityContext,
  ): Promise<ServiceComparison> {
    return serviceComparison(context.reporting, filter, service, groupBy);
  }
}
