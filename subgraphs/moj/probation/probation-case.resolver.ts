import { Arg, Args, Ctx, Field, InputType, ObjectType, Query, Resolver } from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import { ConnectionType, PageArgs, paginate } from '../../../lib/pagination';
import type { MojContext } from '../context';
import { bundledProbationCase } from './probation-case.bundle';
import { ProbationCase } from './probation-case.entity';

@ObjectType()
export class ProbationCaseConnection extends ConnectionType(ProbationCase) {}

@InputType({ description: 'Narrows a list of probation cases; every field given must match.' })
export class ProbationCaseFilter {
  @Field(() => String, { nullable: true, description: 'Probation region holding the case.' })
  probationRegion?: string | null;
}

@Resolver(() => ProbationCase)
export class ProbationCaseResolver {
  @Query(() => ProbationCase, { nullable: true, description: 'A probation case by CRN, or null.' })
  probationCase(
    @Arg('crn', () => String) crn: string,
    @Ctx() context: MojContext,
  ): Promise<ProbationCase | null> {
    return bundledProbationCase(context, parseIdentifier('crn', 'crn', crn));
  }

  @Query(() => ProbationCaseConnection, {
    description: 'Probation cases, in CRN order, a page at a time.',
  })
  probationCases(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ProbationCaseFilter, { nullable: true })
    filter: ProbationCaseFilter | null,
    @Ctx() context: MojContext,
  ): Promise<ProbationCaseConnection> {
    const query = context.database.getRepository(ProbationCase).createQueryBuilder('probation');
    if (filter?.probationRegion) {
      query.andWhere('probation.probationRegion = :region', { region: filter.probationRegion });
    }
    return paginate(query, page, { column: 'crn', key: 'crn' });
  }
}

export const probationCaseReference = {
  ProbationCase: {
    __resolveReference: (reference: { crn: string }, context: MojContext) =>
      bundledProbationCase(context, reference.crn),
  },
};
