import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import { ReadinessFact, TimelineFact } from '../../../lib/person-facts';
import type { VcsContext } from '../context';
import { today } from '../support-record/charity-caseload.resolver';
import { supportRecordsFromBundles } from '../support-record/support-record.bundle';
import { CaseloadReferral, caseloadReferrals } from './caseload-referrals';
import { factKeys } from './fact-keys';
import { supportReadiness } from './support-readiness';
import { supportTimeline } from './support-timeline';

/** What the charities hold about people, as the identity service puts each person together. */
@Resolver()
export class PersonFactsResolver {
  @Directive('@inaccessible')
  @Query(() => [ReadinessFact], {
    description:
      "For the identity service: each support record's readiness checklist (never the notes), " +
      'and SUPPORT DECLINED where every referral was declined or withdrawn.',
  })
  async supportReadiness(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() context: VcsContext,
  ): Promise<ReadinessFact[]> {
    const keys = factKeys(ids);
    return keys.length ? supportReadiness(await supportRecordsFromBundles(context, keys)) : [];
  }

  @Directive('@inaccessible')
  @Query(() => [TimelineFact], {
    description:
      "For the identity service: support records' referrals, engagements, outcomes and consent " +
      'withdrawals, by date.',
  })
  async supportTimeline(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() context: VcsContext,
  ): Promise<TimelineFact[]> {
    const keys = factKeys(ids);
    return keys.length ? supportTimeline(await supportRecordsFromBundles(context, keys)) : [];
  }

  @Directive('@inaccessible')
  @Query(() => [CaseloadReferral], {
    description:
      "For the identity service: the open referrals to a charity's services that put people " +
      'on its caseload today.',
  })
  caseloadReferrals(
    @Arg('organisation', () => ID) organisation: string,
    @Ctx() context: VcsContext,
  ): Promise<CaseloadReferral[]> {
    return caseloadReferrals(context.database, String(organisation), today());
  }
}
