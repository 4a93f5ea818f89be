import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import type { MojContext } from '../context';
import { ProbationCase } from './probation-case.entity';

@Resolver(() => ProbationCase)
export class ProbationCaseResolver {
  @Query(() => ProbationCase, { nullable: true, description: 'A probation case by CRN, or null.' })
  probationCase(
    @Arg('crn', () => String) crn: string,
    @Ctx() context: MojContext,
  ): Promise<ProbationCase | null> {
    return context.loaders.probationCaseByCrn.load(parseIdentifier('crn', 'crn', crn));
  }
}

export const probationCaseReference = {
  ProbationCase: {
    __resolveReference: (reference: { crn: string }, context: MojContext) =>
      context.loaders.probationCaseByCrn.load(reference.crn),
  },
};
