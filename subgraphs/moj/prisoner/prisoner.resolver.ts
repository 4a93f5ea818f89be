import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import type { MojContext } from '../context';
import { Prisoner } from './prisoner.entity';

@Resolver(() => Prisoner)
export class PrisonerResolver {
  @Query(() => Prisoner, { nullable: true, description: 'A prisoner by prison number, or null.' })
  prisoner(
    @Arg('prisonNumber', () => String) prisonNumber: string,
    @Ctx() context: MojContext,
  ): Promise<Prisoner | null> {
    const key = parseIdentifier('prisonNumber', 'prisonNumber', prisonNumber);
    return context.loaders.prisonerByNumber.load(key);
  }
}

export const prisonerReference = {
  Prisoner: {
    __resolveReference: (reference: { prisonNumber: string }, context: MojContext) =>
      context.loaders.prisonerByNumber.load(reference.prisonNumber),
  },
};
