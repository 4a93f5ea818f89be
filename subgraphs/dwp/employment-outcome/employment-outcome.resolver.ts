import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { ConnectionType, PageArgs, paginate } from '../../../lib/pagination';
import { DateScalar } from '../../../lib/scalars';
import { Claimant } from '../claimant/claimant.entity';
import type { DwpContext } from '../context';
import { whereDateBetween } from '../../../lib/date-range';
import { EmploymentOutcome } from './employment-outcome.entity';
import { Sector } from './sector.enum';

@ObjectType()
export class EmploymentOutcomeConnection extends ConnectionType(EmploymentOutcome) {}

@InputType({ description: 'Narrows a list of employment outcomes; every field given must match.' })
export class EmploymentOutcomeFilter {
  @Field(() => Sector, { nullable: true })
  sector?: Sector | null;

  @Field(() => DateScalar, { nullable: true, description: 'Job started on or after this date.' })
  jobStartFrom?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Job started on or before this date.' })
  jobStartTo?: Date | null;
}

@Resolver(() => EmploymentOutcome)
export class EmploymentOutcomeResolver {
  @Query(() => EmploymentOutcomeConnection, {
    description: 'Employment outcomes, by job start date then id, a page at a time.',
  })
  employmentOutcomes(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => EmploymentOutcomeFilter, { nullable: true })
    filter: EmploymentOutcomeFilter | null,
    @Ctx() context: DwpContext,
  ): Promise<EmploymentOutcomeConnection> {
    const query = context.database.getRepository(EmploymentOutcome).createQueryBuilder('outcome');
    if (filter?.sector) query.andWhere('outcome.sector = :sector', { sector: filter.sector });
    whereDateBetween(query, 'jobStartDate', {
      names: { from: 'jobStartFrom', to: 'jobStartTo' },
      from: filter?.jobStartFrom,
      to: filter?.jobStartTo,
    });
    return paginate(query, page, { column: 'jobStartDate', key: 'id' });
  }
}

@Resolver(() => Claimant)
export class ClaimantEmploymentOutcomesResolver {
  @FieldResolver(() => [EmploymentOutcome], {
    nullable: true,
    description: 'Jobs started, earliest first.',
  })
  employmentOutcomes(
    @Root() claimant: Claimant,
    @Ctx() context: DwpContext,
  ): Promise<EmploymentOutcome[]> {
    return context.loaders.employmentOutcomesByNino.load(claimant.nino);
  }
}
