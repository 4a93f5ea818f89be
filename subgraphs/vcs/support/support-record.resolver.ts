import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import type { VcsContext } from '../context';
import { SupportRecord } from './support-record.entity';

@Resolver(() => SupportRecord)
export class SupportRecordResolver {
  @Query(() => SupportRecord, { nullable: true, description: 'A support record by id, or null.' })
  supportRecord(
    @Arg('id', () => ID) id: string,
    @Ctx() context: VcsContext,
  ): Promise<SupportRecord | null> {
    return context.loaders.supportRecordById.load(parseIdentifier('uuid', 'id', id));
  }
}

export const supportRecordReference = {
  SupportRecord: {
    __resolveReference: (reference: { id: string }, context: VcsContext) =>
      context.loaders.supportRecordById.load(reference.id),
  },
};
