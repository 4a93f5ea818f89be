import { Args, Ctx, Directive, Query, Resolver } from 'type-graphql';
import {
  IdentityFeedArgs,
  IdentityFeedPage,
  feedRecord,
  identityFeedPage,
} from '../../../lib/identity-feed';
import type { MojContext } from '../context';
import { ProbationCase } from './probation-case.entity';

@Resolver()
export class ProbationCaseIdentityFeedResolver {
  @Directive('@inaccessible')
  @Query(() => IdentityFeedPage, {
    description:
      "For the identity service: probation cases' identity fields, least recently changed first.",
  })
  probationCaseIdentityFeed(
    @Args(() => IdentityFeedArgs) args: IdentityFeedArgs,
    @Ctx() context: MojContext,
  ): Promise<IdentityFeedPage> {
    const query = context.database.getRepository(ProbationCase).createQueryBuilder('probation');
    return identityFeedPage(query, 'crn', args, (cases) =>
      cases.map((probation) =>
        feedRecord({
          sourceId: probation.crn,
          givenName: probation.givenName,
          familyName: probation.familyName,
          dateOfBirth: probation.dateOfBirth,
          nino: probation.nino,
          prisonNumber: probation.prisonNumber,
          pncNumber: probation.pncNumber,
          crn: probation.crn,
          updatedAt: probation.updatedAt,
        }),
      ),
    );
  }
}
