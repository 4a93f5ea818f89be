import { Arg, Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import { ConnectionType, PageArgs, paginate } from '../../../lib/pagination';
import type { MojContext } from '../context';
import { CustodyPeriod } from '../custody/custody-period.entity';
import { PrisonerAlias } from './prisoner-alias.entity';
import { bundledPrisoner } from './prisoner.bundle';
import { Prisoner } from './prisoner.entity';
import { PrisonerFilter, filterPrisoners } from './prisoner.filter';

@ObjectType()
export class PrisonerConnection extends ConnectionType(Prisoner) {}

@Resolver(() => Prisoner)
export class PrisonerResolver {
  @Query(() => Prisoner, { nullable: true, description: 'A prisoner by prison number, or null.' })
  prisoner(
    @Arg('prisonNumber', () => String) prisonNumber: string,
    @Ctx() context: MojContext,
  ): Promise<Prisoner | null> {
    const key = parseIdentifier('prisonNumber', 'prisonNumber', prisonNumber);
    return bundledPrisoner(context, key);
  }

  @Query(() => PrisonerConnection, {
    description: 'Prisoners, in prison-number order, a page at a time.',
  })
  prisoners(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => PrisonerFilter, { nullable: true }) filter: PrisonerFilter | null,
    @Ctx() context: MojContext,
  ): Promise<PrisonerConnection> {
    const query = context.database.getRepository(Prisoner).createQueryBuilder('prisoner');
    filterPrisoners(query, filter);
    return paginate(query, page, { column: 'prisonNumber', key: 'prisonNumber' });
  }

  @FieldResolver(() => [PrisonerAlias], {
    nullable: true,
    description: 'Other names this person has used.',
  })
  aliases(@Root() prisoner: Prisoner, @Ctx() context: MojContext): Promise<PrisonerAlias[]> {
    return context.loaders.aliasesByPrisonNumber.load(prisoner.prisonNumber);
  }

  @FieldResolver(() => [CustodyPeriod], {
    nullable: true,
    description: 'Spells in custody, newest reception first.',
  })
  custodyPeriods(@Root() prisoner: Prisoner, @Ctx() context: MojContext): Promise<CustodyPeriod[]> {
    return context.loaders.custodyPeriodsByPrisonNumber.load(prisoner.prisonNumber);
  }

  @FieldResolver(() => CustodyPeriod, {
    nullable: true,
    description: 'The custody period with the newest reception date; null if none.',
  })
  async latestCustodyPeriod(
    @Root() prisoner: Prisoner,
    @Ctx() context: MojContext,
  ): Promise<CustodyPeriod | null> {
    const periods = await context.loaders.custodyPeriodsByPrisonNumber.load(prisoner.prisonNumber);
    return periods[0] ?? null;
  }
}

export const prisonerReference = {
  Prisoner: {
    __resolveReference: (reference: { prisonNumber: string }, context: MojContext) =>
      bundledPrisoner(context, reference.prisonNumber),
  },
};
