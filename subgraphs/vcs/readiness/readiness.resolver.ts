import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { permits, RecordKind } from '../../../lib/access/scope';
import { Role } from '../../../lib/auth/roles';
import { ErrorCode, badUserInput, hubError } from '../../../lib/errors';
import { parseIdentifier } from '../../../lib/identifiers';
import type { VcsContext } from '../context';
import { SupportRecord } from '../support-record/support-record.entity';
import { readinessItems, timeOrderedId } from './readiness';
import {
  NOTE_MAX_LENGTH,
  ReadinessItem,
  ReadinessItemKind,
  ReadinessRecord,
  ReadinessSource,
  ReadinessStatus,
} from './readiness.entity';

const NO_SUCH_RECORD = 'No support record has that id.';

function checkedNote(note: string | null | undefined): string | null {
  const text = note?.trim() ?? '';
  if (text.length > NOTE_MAX_LENGTH)
    throw badUserInput('note', `note must be at most ${NOTE_MAX_LENGTH} characters.`);
  return text || null;
}

@Resolver(() => SupportRecord)
export class ReadinessResolver {
  @FieldResolver(() => [ReadinessItem], {
    nullable: true,
    description:
      'The readiness-for-work checklist the charity keeps: every item, in a fixed order, as it ' +
      'stands now.',
  })
  async readiness(@Root() record: SupportRecord, @Ctx() context: VcsContext) {
    return readinessItems(
      record.id,
      await context.loaders.readinessRowsBySupportRecord.load(record.id),
    );
  }

  @Mutation(() => ReadinessItem, {
    description:
      'Records where one readiness item stands, for a support record your organisation holds ' +
      '(coordinators only). The history is kept: this becomes the current status. ' +
      'EMPLOYMENT_SERVICE_REFERRAL is derived from referrals and cannot be recorded.',
  })
  async recordReadiness(
    @Arg('supportRecordId', () => ID) supportRecordId: string,
    @Arg('item', () => ReadinessItemKind) item: ReadinessItemKind,
    @Arg('status', () => ReadinessStatus) status: ReadinessStatus,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: VcsContext,
  ): Promise<ReadinessItem> {
    const id = parseIdentifier('uuid', 'supportRecordId', supportRecordId);
    if (item === ReadinessItemKind.EMPLOYMENT_SERVICE_REFERRAL) {
      throw badUserInput(
        'item',
        'EMPLOYMENT_SERVICE_REFERRAL is derived from referrals: record the referral instead.',
      );
    }
    const checked = checkedNote(note);
    const { caller } = context.request;
    if (caller.role !== Role.COORDINATOR)
      throw hubError(ErrorCode.FORBIDDEN, 'Only a coordinator may record readiness for work.');
    const [record, scopes] = await Promise.all([
      context.loaders.supportRecordById.load(id),
      context.scopes(),
    ]);
    // Out of scope looks like absent.
    if (!record || !permits(scopes[RecordKind.VCS_SUPPORT_RECORD], record.id))
      throw hubError(ErrorCode.NOT_FOUND, NO_SUCH_RECORD);
    if (record.organisationId !== caller.organisation) {
      throw hubError(
        ErrorCode.FORBIDDEN,
        "You may record readiness only on your own organisation's support records.",
      );
    }
    const { id: rowId, millis } = timeOrderedId();
    const row: ReadinessRecord = {
      id: rowId,
      supportRecordId: record.id,
      item,
      status,
      note: checked,
      recordedBy: caller.subject,
      recordedByOrganisation: caller.organisation,
      recordedAt: new Date(millis).toISOString(),
    };
    await context.database.getRepository(ReadinessRecord).insert(row);
    return {
      supportRecordId: row.supportRecordId,
      item,
      status,
      source: ReadinessSource.VCS,
      recordedBy: row.recordedBy,
      recordedAt: row.recordedAt,
      note: row.note,
    };
  }
}
