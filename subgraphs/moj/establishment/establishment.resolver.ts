import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { MojContext } from '../context';
import { parseEstablishmentCode } from './establishment-code';
import { Establishment } from './establishment.entity';

@Resolver(() => Establishment)
export class EstablishmentResolver {
  @Query(() => Establishment, { nullable: true, description: 'A prison by its code, or null.' })
  establishment(
    @Arg('code', () => String) code: string,
    @Ctx() context: MojContext,
  ): Promise<Establishment | null> {
    return context.loaders.establishmentByCode.load(parseEstablishmentCode('code', code));
  }

  @Query(() => [Establishment], { description: 'Every prison, in code order.' })
  establishments(@Ctx() context: MojContext): Promise<Establishment[]> {
    return context.database.getRepository(Establishment).find({ order: { code: 'ASC' } });
  }
}
