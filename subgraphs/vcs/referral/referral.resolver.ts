import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import { ConnectionType, PageArgs, paginate } from '../../../lib/pagination';
import { DateScalar } from '../../../lib/scalars';
import type { VcsContext } from '../context';
import { whereDateBetween } from '../../../lib/date-range';
import { CharityService, ServiceKind } from '../organisation/charity-service.entity';
import { Referral, ReferralSource, ReferralStatus } from './referral.entity';

@ObjectType()
export class ReferralConnection extends ConnectionType(Referral) {}

@InputType({ description: 'Narrows a list of referrals; every field given must match.' })
export class ReferralFilter {
  @Field(() => ID, { nullable: true, description: 'The organisation running the service.' })
  organisationId?: string | null;

  @Field(() => ServiceKind, { nullable: true })
  serviceKind?: ServiceKind | null;

  @Field(() => ReferralStatus, { nullable: true })
  status?: ReferralStatus | null;

  @Field(() => ReferralSource, { nullable: true })
  source?: ReferralSource | null;

  @Field(() => DateScalar, { nullable: true, description: 'Referred on or after this date.' })
  referredFrom?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Referred on or before this date.' })
  referredTo?: Date | null;
}

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => ReferralConnection, {
    description: 'Referrals, by referral date then id, a page at a time.',
  })
  referrals(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter: ReferralFilter | null,
    @Ctx() context: VcsContext,
  ): Promise<ReferralConnection> {
    const query = context.database.getRepository(Referral).createQueryBuilder('referral');
    if (filter?.status) query.andWhere('referral.status = :status', { status: filter.status });
    if (filter?.source) query.andWhere('referral.source = :source', { source: filter.source });
    whereDateBetween(query, 'referredOn', {
      names: { from: 'referredFrom', to: 'referredTo' },
      from: filter?.referredFrom,
      to: filter?.referredTo,
    });
    if (filter?.organisationId || filter?.serviceKind) {
      // A subquery, not a join: paginate's LIMIT on a joined query costs TypeORM two statements.
      const services = query.subQuery().select('service.id').from(CharityService, 'service');
      if (filter.organisationId) {
        const organisationId = parseIdentifier('uuid', 'organisationId', filter.organisationId);
        services.andWhere('service.organisationId = :organisationId', { organisationId });
      }
      if (filter.serviceKind) {
        services.andWhere('service.kind = :serviceKind', { serviceKind: filter.serviceKind });
      }
      query.andWhere(`referral.serviceId IN ${services.getQuery()}`, services.getParameters());
    }
    return paginate(query, page, { column: 'referredOn', key: 'id' });
  }

  @FieldResolver(() => CharityService, { description: 'The service the person was referred to.' })
  service(@Root() referral: Referral, @Ctx() context: VcsContext) {
    return context.loaders.serviceById.load(referral.serviceId);
  }
}
