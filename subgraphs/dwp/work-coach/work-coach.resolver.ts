import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import { Claimant } from '../claimant/claimant.entity';
import type { DwpContext } from '../context';
import { WorkCoach } from './work-coach.entity';

@Resolver(() => WorkCoach)
export class WorkCoachResolver {
  @Query(() => WorkCoach, { nullable: true, description: 'A work coach by id; null if none.' })
  workCoach(
    @Arg('id', () => ID) id: string,
    @Ctx() context: DwpContext,
  ): Promise<WorkCoach | null> {
    return context.loaders.workCoachById.load(parseIdentifier('uuid', 'id', id));
  }
}

@Resolver(() => Claimant)
export class ClaimantWorkCoachResolver {
  @FieldResolver(() => WorkCoach, {
    nullable: true,
    description: 'The work coach assigned to the claimant, if any.',
  })
  workCoach(@Root() claimant: Claimant, @Ctx() context: DwpContext): Promise<WorkCoach | null> {
    if (!claimant.workCoachId) return Promise.resolve(null);
    return context.loaders.workCoachById.load(claimant.workCoachId);
  }
}
