import { Args, Ctx, Directive, Query, Resolver } from 'type-graphql';
import {
  IdentityFeedArgs,
  IdentityFeedPage,
  feedRecord,
  identityFeedPage,
} from '../../../lib/identity-feed';
import type { MojContext } from '../context';
import { Prisoner } from './prisoner.entity';

@Resolver()
export class PrisonerIdentityFeedResolver {
  @Directive('@inaccessible')
  @Query(() => IdentityFeedPage, {
    description:
      "For the identity service: prisoners' identity fields and aliases, least recently changed first.",
  })
  prisonerIdentityFeed(
    @Args(() => IdentityFeedArgs) args: IdentityFeedArgs,
    @Ctx() context: MojContext,
  ): Promise<IdentityFeedPage> {
    const query = context.database.getRepository(Prisoner).createQueryBuilder('prisoner');
    return identityFeedPage(query, 'prisonNumber', args, async (prisoners) => {
      // One statement for the whole page's aliases.
      const aliases = await context.loaders.aliasesByPrisonNumber.loadMany(
        prisoners.map((prisoner) => prisoner.prisonNumber),
      );
      return prisoners.map((prisoner, i) => {
        const own = aliases[i];
        if (own instanceof Error) throw own;
        return feedRecord({
          sourceId: prisoner.prisonNumber,
          givenName: prisoner.givenName,
          familyName: prisoner.familyName,
          otherNames: own.map(({ givenName, familyName, dateOfBirth }) => ({
            givenName,
            familyName,
            dateOfBirth,
          })),
          dateOfBirth: prisoner.dateOfBirth,
          nino: prisoner.nino,
          prisonNumber: prisoner.prisonNumber,
          pncNumber: prisoner.pncNumber,
          updatedAt: prisoner.updatedAt,
        });
      });
    });
  }
}
