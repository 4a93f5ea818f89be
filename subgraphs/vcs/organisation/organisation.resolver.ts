import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import type { VcsContext } from '../context';
import { CharityService } from './charity-service.entity';
import { Organisation } from './organisation.entity';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'An organisation by id, or null.' })
  organisation(
    @Arg('id', () => ID) id: string,
    @Ctx() context: VcsContext,
  ): Promise<Organisation | null> {
    return context.loaders.organisationById.load(parseIdentifier('uuid', 'id', id));
  }

  @Query(() => [Organisation], { description: 'Every organisation, by name (a short list).' })
  organisations(@Ctx() context: VcsContext): Promise<Organisation[]> {
    return context.database.getRepository(Organisation).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  @FieldResolver(() => [CharityService], { description: 'The services it runs, by name.' })
  services(@Root() organisation: Organisation, @Ctx() context: VcsContext) {
    return context.loaders.servicesByOrganisation.load(organisation.id);
  }
}
