import { Arg, Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, paginate } from '../../../lib/pagination';
import type { MojContext } from '../context';
import { parseEstablishmentCode } from '../establishment/establishment-code';
import { Establishment } from '../establishment/establishment.entity';
import { CustodyPeriod } from './custody-period.entity';
import { whereDateBetween } from '../../../lib/date-range';
import { CustodyPeriodFilter } from './custody-period.filter';

@ObjectType()
export class CustodyPeriodConnection extends ConnectionType(CustodyPeriod) {}

@Resolver(() => CustodyPeriod)
export class CustodyPeriodResolver {
  @Query(() => CustodyPeriodConnection, {
    description: 'Custody periods, by reception date then id, a page at a time.',
  })
  custodyPeriods(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CustodyPeriodFilter, { nullable: true })
    filter: CustodyPeriodFilter | null,
    @Ctx() context: MojContext,
  ): Promise<CustodyPeriodConnection> {
    const query = context.database.getRepository(CustodyPeriod).createQueryBuilder('period');
    if (filter?.establishmentCode) {
      const code = parseEstablishmentCode('establishmentCode', filter.establishmentCode);
      query.andWhere('period.establishmentCode = :code', { code });
    }
    if (filter?.releaseType) {
      query.andWhere('period.releaseType = :releaseType', { releaseType: filter.releaseType });
    }
    whereDateBetween(query, 'releaseDate', {
      names: { from: 'releasedFrom', to: 'releasedTo' },
      from: filter?.releasedFrom,
      to: filter?.releasedTo,
    });
    return paginate(query, page, { column: 'receptionDate', key: 'id' });
  }

  @FieldResolver(() => Establishment, { description: 'The prison this period was spent in.' })
  establishment(
    @Root() period: CustodyPeriod,
    @Ctx() context: MojContext,
  ): Promise<Establishment | null> {
    return context.loaders.establishmentByCode.load(period.establishmentCode);
  }
}
