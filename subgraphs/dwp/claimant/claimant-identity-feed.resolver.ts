import { Args, Ctx, Directive, Query, Resolver } from 'type-graphql';
import {
  IdentityFeedArgs,
  IdentityFeedPage,
  feedRecord,
  identityFeedPage,
} from '../../../lib/identity-feed';
import type { DwpContext } from '../context';
import { Claimant } from './claimant.entity';

@Resolver()
export class ClaimantIdentityFeedResolver {
  @Directive('@inaccessible')
  @Query(() => IdentityFeedPage, {
    description:
      "For the identity service: claimants' identity fields, least recently changed first.",
  })
  claimantIdentityFeed(
    @Args(() => IdentityFeedArgs) args: IdentityFeedArgs,
    @Ctx() context: DwpContext,
  ): Promise<IdentityFeedPage> {
    const query = context.database.getRepository(Claimant).createQueryBuilder('claimant');
    return identityFeedPage(query, 'nino', args, (claimants) =>
      claimants.map((claimant) =>
        feedRecord({
          sourceId: claimant.nino,
          givenName: claimant.givenName,
          familyName: claimant.familyName,
          dateOfBirth: claimant.dateOfBirth,
          postcode: claimant.postcode,
          nino: claimant.nino,
          updatedAt: claimant.updatedAt,
        }),
      ),
    );
  }
}
