import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Claimant } from '../claimant/claimant.entity';
import type { DwpContext } from '../context';
import { ProgrammeReferral } from './programme-referral.entity';

@Resolver(() => Claimant)
export class ClaimantProgrammeReferralsResolver {
  @FieldResolver(() => [ProgrammeReferral], {
    nullable: true,
    description: 'Referrals to employment programmes, oldest first.',
  })
  programmeReferrals(
    @Root() claimant: Claimant,
    @Ctx() context: DwpContext,
  ): Promise<ProgrammeReferral[]> {
    return context.loaders.programmeReferralsByNino.load(claimant.nino);
  }
}
