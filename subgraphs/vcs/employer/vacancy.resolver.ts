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
import type { VcsContext } from '../context';
import { Employer } from './employer.entity';
import { Sector } from './sector';
import { Vacancy } from './vacancy.entity';

@ObjectType()
export class VacancyConnection extends ConnectionType(Vacancy) {}

@InputType({ description: 'Narrows a list of vacancies; every field given must match.' })
export class VacancyFilter {
  @Field(() => Sector, { nullable: true })
  sector?: Sector | null;

  @Field(() => String, { nullable: true, description: 'The town, exactly as recorded.' })
  location?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only jobs with fair-chance employers.' })
  fairChanceOnly?: boolean | null;
}

@Resolver(() => Vacancy)
export class VacancyResolver {
  @Query(() => VacancyConnection, {
    description: 'Vacancies, by posting date then id, a page at a time.',
  })
  vacancies(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => VacancyFilter, { nullable: true }) filter: VacancyFilter | null,
    @Ctx() context: VcsContext,
  ): Promise<VacancyConnection> {
    const query = context.database.getRepository(Vacancy).createQueryBuilder('vacancy');
    if (filter?.sector) query.andWhere('vacancy.sector = :sector', { sector: filter.sector });
    if (filter?.location) {
      query.andWhere('vacancy.location = :location', { location: filter.location });
    }
    if (filter?.fairChanceOnly) {
      // A subquery, not a join: paginate's LIMIT on a joined query costs TypeORM two statements.
      const fairChance = query
        .subQuery()
        .select('employer.id')
        .from(Employer, 'employer')
        .where('employer.fairChance = :fairChance', { fairChance: true });
      query.andWhere(`vacancy.employerId IN ${fairChance.getQuery()}`, fairChance.getParameters());
    }
    return paginate(query, page, { column: 'postedOn', key: 'id' });
  }

  @FieldResolver(() => Employer, { description: 'Who is hiring.' })
  employer(@Root() vacancy: Vacancy, @Ctx() context: VcsContext) {
    return context.loaders.employerById.load(vacancy.employerId);
  }
}
