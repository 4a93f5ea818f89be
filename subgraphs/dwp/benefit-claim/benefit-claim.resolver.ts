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
import { DateScalar } from '../../../lib/scalars';
import { Claimant } from '../claimant/claimant.entity';
import type { DwpContext } from '../context';
import { whereDateBetween } from '../../../lib/date-range';
import { BenefitClaim } from './benefit-claim.entity';
import { Benefit, ClaimStatus } from './benefit-claim.enums';

@ObjectType()
export class BenefitClaimConnection extends ConnectionType(BenefitClaim) {}

@InputType({ description: 'Narrows a list of benefit claims; every field given must match.' })
export class BenefitClaimFilter {
  @Field(() => Benefit, { nullable: true })
  benefit?: Benefit | null;

  @Field(() => ClaimStatus, { nullable: true })
  status?: ClaimStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Only advance claims made in custody.' })
  startedInCustody?: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: 'Claimed on or after this date.' })
  claimDateFrom?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Claimed on or before this date.' })
  claimDateTo?: Date | null;
}

@Resolver(() => BenefitClaim)
export class BenefitClaimResolver {
  @Query(() => BenefitClaimConnection, {
    description: 'Benefit claims, by claim date then id, a page at a time.',
  })
  benefitClaims(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => BenefitClaimFilter, { nullable: true }) filter: BenefitClaimFilter | null,
    @Ctx() context: DwpContext,
  ): Promise<BenefitClaimConnection> {
    const query = context.database.getRepository(BenefitClaim).createQueryBuilder('claim');
    if (filter?.benefit) query.andWhere('claim.benefit = :benefit', { benefit: filter.benefit });
    if (filter?.status) query.andWhere('claim.status = :status', { status: filter.status });
    if (filter?.startedInCustody != null) {
      query.andWhere('claim.startedInCustody = :custody', { custody: filter.startedInCustody });
    }
    whereDateBetween(query, 'claimDate', {
      names: { from: 'claimDateFrom', to: 'claimDateTo' },
      from: filter?.claimDateFrom,
      to: filter?.claimDateTo,
    });
    return paginate(query, page, { column: 'claimDate', key: 'id' });
  }
}

@Resolver(() => Claimant)
export class ClaimantBenefitClaimsResolver {
  @FieldResolver(() => [BenefitClaim], {
    nullable: true,
    description: 'Benefit claims, oldest first.',
  })
  benefitClaims(@Root() claimant: Claimant, @Ctx() context: DwpContext): Promise<BenefitClaim[]> {
    return context.loaders.benefitClaimsByNino.load(claimant.nino);
  }
}
