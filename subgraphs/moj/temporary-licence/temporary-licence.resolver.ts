import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MojContext } from '../context';
import { CustodyPeriod } from '../custody/custody-period.entity';
import { ReleaseOnTemporaryLicence } from './release-on-temporary-licence.entity';

@Resolver(() => CustodyPeriod)
export class TemporaryLicenceResolver {
  @FieldResolver(() => [ReleaseOnTemporaryLicence], {
    description: 'Temporary licences in this period, earliest first.',
  })
  temporaryLicences(
    @Root() period: CustodyPeriod,
    @Ctx() context: MojContext,
  ): Promise<ReleaseOnTemporaryLicence[]> {
    return context.loaders.temporaryLicencesByCustodyPeriod.load(period.id);
  }
}
