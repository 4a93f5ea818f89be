import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { ReadinessFact, TimelineFact, askedKeys } from '../../../lib/person-facts';
import type { DwpContext } from '../context';
import { claimantRecords } from '../claimant/claimant.bundle';
import { claimantTimeline, universalCreditReadiness } from './person-facts';

@Resolver()
export class PersonFactsResolver {
  @Directive('@inaccessible')
  @Query(() => [ReadinessFact], {
    description:
      "For the identity service: each claimant's Universal Credit claim (UC_CLAIM), from their " +
      'latest one; nothing for a NINO DWP does not hold.',
  })
  async claimantReadiness(
    @Arg('ninos', () => [String]) ninos: string[],
    @Ctx() context: DwpContext,
  ): Promise<ReadinessFact[]> {
    if (!askedKeys('ninos', ninos).length) return [];
    const records = await claimantRecords(context, ninos);
    return records.flatMap(universalCreditReadiness);
  }

  @Directive('@inaccessible')
  @Query(() => [TimelineFact], {
    description:
      "For the identity service: every dated event in the claimants' DWP records, by date.",
  })
  async claimantTimeline(
    @Arg('ninos', () => [String]) ninos: string[],
    @Ctx() context: DwpContext,
  ): Promise<TimelineFact[]> {
    if (!askedKeys('ninos', ninos).length) return [];
    return claimantTimeline(await claimantRecords(context, ninos));
  }
}
