import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MojContext } from '../context';
import { ProbationCase } from '../probation/probation-case.entity';
import { LicenceCondition } from './licence-condition.entity';

@Resolver(() => ProbationCase)
export class LicenceConditionResolver {
  @FieldResolver(() => [LicenceCondition], {
    nullable: true,
    description: 'Conditions on the licence, earliest start first.',
  })
  licenceConditions(
    @Root() probationCase: ProbationCase,
    @Ctx() context: MojContext,
  ): Promise<LicenceCondition[]> {
    return context.loaders.licenceConditionsByCrn.load(probationCase.crn);
  }
}
