import { Arg, Args, Ctx, Field, ID, InputType, ObjectType, Query, Resolver } from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import { ConnectionType, PageArgs, paginate } from '../../../lib/pagination';
import type { DwpContext } from '../context';
import { primedClaimant } from './claimant.bundle';
import { Claimant } from './claimant.entity';

@ObjectType()
export class ClaimantConnection extends ConnectionType(Claimant) {}

@InputType({ description: 'Narrows a list of claimants; every field given must match.' })
export class ClaimantFilter {
  @Field(() => String, { nullable: true, description: 'The Jobcentre that holds the claim.' })
  jobcentre?: string | null;

  @Field(() => ID, { nullable: true, description: 'The work coach assigned to the claimant.' })
  workCoachId?: string | null;
}

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
    return primedClaimant(context, parseIdentifier('nino', 'nino', nino));
  }

  @Query(() => ClaimantConnection, { description: 'Claimants, in NINO order, a page at a time.' })
  claimants(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ClaimantFilter, { nullable: true }) filter: ClaimantFilter | null,
    @Ctx() context: DwpContext,
  ): Promise<ClaimantConnection> {
    const workCoachId = filter?.workCoachId
      ? parseIdentifier('uuid', 'workCoachId', filter.workCoachId)
      : null;
    const query = context.database.getRepository(Claimant).createQueryBuilder('claimant');
    if (filter?.jobcentre) {
      query.andWhere('claimant.jobcentre = :jobcentre', { jobcentre: filter.jobcentre });
    }
    if (workCoachId) query.andWhere('claimant.workCoachId = :workCoachId', { workCoachId });
    return paginate(query, page, { column: 'nino', key: 'nino' });
  }
}

export const claimantReference = {
  Claimant: {
    __resolveReference: (reference: { nino: string }, context: DwpContext) =>
      primedClaimant(context, reference.nino),
  },
};
