import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import { ConnectionType, PageArgs, paginate } from '../../../lib/pagination';
import { Consent } from '../consent/consent.entity';
import type { VcsContext } from '../context';
import { Engagement } from '../engagement/engagement.entity';
import { Organisation } from '../organisation/organisation.entity';
import { SupportOutcome } from '../outcome/support-outcome.entity';
import { Referral } from '../referral/referral.entity';
import { supportRecordFromBundle } from './support-record.bundle';
import { SupportRecord } from './support-record.entity';

@ObjectType()
export class SupportRecordConnection extends ConnectionType(SupportRecord) {}

@InputType({ description: 'Narrows a list of support records; every field given must match.' })
export class SupportRecordFilter {
  @Field(() => ID, { nullable: true, description: 'The organisation holding the record.' })
  organisationId?: string | null;
}

@Resolver(() => SupportRecord)
export class SupportRecordResolver {
  @Query(() => SupportRecord, { nullable: true, description: 'A support record by id, or null.' })
  supportRecord(
    @Arg('id', () => ID) id: string,
    @Ctx() context: VcsContext,
  ): Promise<SupportRecord | null> {
    return supportRecordFromBundle(context, parseIdentifier('uuid', 'id', id));
  }

  @Query(() => SupportRecordConnection, {
    description: 'Support records, in id order, a page at a time.',
  })
  supportRecords(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => SupportRecordFilter, { nullable: true })
    filter: SupportRecordFilter | null,
    @Ctx() context: VcsContext,
  ): Promise<SupportRecordConnection> {
    const query = context.database.getRepository(SupportRecord).createQueryBuilder('record');
    if (filter?.organisationId) {
      const organisationId = parseIdentifier('uuid', 'organisationId', filter.organisationId);
      query.andWhere('record.organisationId = :organisationId', { organisationId });
    }
    return paginate(query, page, { column: 'id', key: 'id' });
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description: 'The organisation holding the record.',
  })
  organisation(@Root() record: SupportRecord, @Ctx() context: VcsContext) {
    return context.loaders.organisationById.load(record.organisationId);
  }

  @FieldResolver(() => [Referral], { nullable: true, description: 'Referrals, oldest first.' })
  referrals(@Root() record: SupportRecord, @Ctx() context: VcsContext) {
    return context.loaders.referralsBySupportRecord.load(record.id);
  }

  @FieldResolver(() => [Engagement], { nullable: true, description: 'Contacts, oldest first.' })
  engagements(@Root() record: SupportRecord, @Ctx() context: VcsContext) {
    return context.loaders.engagementsBySupportRecord.load(record.id);
  }

  @FieldResolver(() => [SupportOutcome], { nullable: true, description: 'Outcomes, oldest first.' })
  outcomes(@Root() record: SupportRecord, @Ctx() context: VcsContext) {
    return context.loaders.outcomesBySupportRecord.load(record.id);
  }

  @FieldResolver(() => [Consent], { nullable: true, description: 'Consents, in the order given.' })
  consents(@Root() record: SupportRecord, @Ctx() context: VcsContext) {
    return context.loaders.consentsBySupportRecord.load(record.id);
  }
}

export const supportRecordReference = {
  SupportRecord: {
    __resolveReference: (reference: { id: string }, context: VcsContext) =>
      supportRecordFromBundle(context, reference.id),
  },
};
