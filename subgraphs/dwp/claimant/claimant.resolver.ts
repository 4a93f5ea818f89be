import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import type { DwpContext } from '../context';
import { Claimant } from './claimant.entity';

@Resolver(() => Claimant)
export class ClaimantResolver {
  @Query(() => Claimant, {
    nullable: true,
    description: 'A claimant by NINO; null if DWP has none.',
  })
  claimant(
    @Arg('nino', () => String) nino: string,
    @Ctx() context: DwpContext,
  ): Promise<Claimant | null> {
    return context.loaders.claimantByNino.load(parseIdentifier('nino', 'nino', nino));
  }
}

export const claimantReference = {
  Claimant: {
    __resolveReference: (reference: { nino: string }, context: DwpContext) =>
      context.loaders.claimantByNino.load(reference.nino),
  },
};
