import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MojContext } from '../context';
import { CustodyPeriod } from '../custody/custody-period.entity';
import { PrisonWorkPlacement } from './prison-work-placement.entity';

@Resolver(() => CustodyPeriod)
export class PrisonWorkResolver {
  @FieldResolver(() => [PrisonWorkPlacement], {
    description: 'Prison jobs held in this period, earliest first.',
  })
  workPlacements(
    @Root() period: CustodyPeriod,
    @Ctx() context: MojContext,
  ): Promise<PrisonWorkPlacement[]> {
    return context.loaders.workPlacementsByCustodyPeriod.load(period.id);
  }
}
