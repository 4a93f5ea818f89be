import { Args, Ctx, Directive, Query, Resolver } from 'type-graphql';
import {
  IdentityFeedArgs,
  IdentityFeedPage,
  feedRecord,
  identityFeedPage,
} from '../../../lib/identity-feed';
import type { VcsContext } from '../context';
import { SupportRecord } from './support-record.entity';

@Resolver()
export class SupportRecordIdentityFeedResolver {
  @Directive('@inaccessible')
  @Query(() => IdentityFeedPage, {
    description:
      "For the identity service: support records' identity fields, least recently changed first.",
  })
  supportRecordIdentityFeed(
    @Args(() => IdentityFeedArgs) args: IdentityFeedArgs,
    @Ctx() context: VcsContext,
  ): Promise<IdentityFeedPage> {
    const query = context.database.getRepository(SupportRecord).createQueryBuilder('record');
    return identityFeedPage(query, 'id', args, (records) =>
      records.map((record) =>
        feedRecord({
          sourceId: record.id,
          givenName: record.givenName,
          familyName: record.familyName,
          dateOfBirth: record.dateOfBirth,
          postcode: record.postcode,
          nino: record.nino,
          prisonNumber: record.prisonNumber,
          updatedAt: record.updatedAt,
        }),
      ),
    );
  }
}
