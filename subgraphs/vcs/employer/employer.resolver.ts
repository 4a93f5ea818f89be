import { Arg, Args, Ctx, Field, InputType, ObjectType, Query, Resolver } from 'type-graphql';
import { ConnectionType, PageArgs, paginate } from '../../../lib/pagination';
import type { VcsContext } from '../context';
import { Employer } from './employer.entity';
import { Sector } from './sector';

@ObjectType()
export class EmployerConnection extends ConnectionType(Employer) {}

@InputType({ description: 'Narrows a list of employers; every field given must match.' })
export class EmployerFilter {
  @Field(() => Sector, { nullable: true })
  sector?: Sector | null;

  @Field(() => Boolean, { nullable: true, description: 'Fair-chance employers, or only others.' })
  fairChance?: boolean | null;
}

@Resolver(() => Employer)
export class EmployerResolver {
  @Query(() => EmployerConnection, { description: 'Employers, by name then id, a page at a time.' })
  employers(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => EmployerFilter, { nullable: true }) filter: EmployerFilter | null,
    @Ctx() context: VcsContext,
  ): Promise<EmployerConnection> {
    const query = context.database.getRepository(Employer).createQueryBuilder('employer');
    if (filter?.sector) query.andWhere('employer.sector = :sector', { sector: filter.sector });
    if (typeof filter?.fairChance === 'boolean') {
      query.andWhere('employer.fairChance = :fairChance', { fairChance: filter.fairChance });
    }
    return paginate(query, page, { column: 'name', key: 'id' });
  }
}
