import type { ReadinessFact } from '../../../lib/person-facts';
import type { PrisonerRecord } from '../prisoner/prisoner.bundle';
import {
  type ResettlementItem,
  ResettlementItemKind,
  ResettlementStatus,
} from '../resettlement/resettlement-item.entity';
import { RightToWork } from '../resettlement/work-readiness.entity';

const ITEMS = [ResettlementItemKind.ID, ResettlementItemKind.BANK_ACCOUNT];

const notStarted = (recordId: string, item: string): ReadinessFact => ({
  recordId,
  item,
  status: ResettlementStatus.NOT_STARTED,
  detail: null,
  recordedBy: null,
  recordedAt: null,
});

/** The later recording: by when it was recorded, then by id. */
const later = (a: ResettlementItem, b: ResettlementItem) =>
  b.recordedAt > a.recordedAt || (b.recordedAt === a.recordedAt && b.id > a.id) ? b : a;

/**
 * ID and BANK_ACCOUNT as last recorded (not started if never); RIGHT_TO_WORK completed once
 * checked, with what the check found; SUPPORT only when the prisoner declined it.
 */
function factsOf({ prisonNumber: recordId, resettlementItems, workReadiness }: PrisonerRecord) {
  const facts = ITEMS.map((item): ReadinessFact => {
    const recordings = resettlementItems.filter((row) => row.item === item);
    if (!recordings.length) return notStarted(recordId, item);
    const { status, document, recordedBy, recordedAt } = recordings.reduce(later);
    return { recordId, item, status, detail: document, recordedBy, recordedAt };
  });
  const rightToWork = workReadiness?.rightToWork;
  const recorded = {
    recordedBy: workReadiness?.recordedBy ?? null,
    recordedAt: workReadiness?.recordedAt ?? null,
  };
  const checked = rightToWork === RightToWork.CONFIRMED || rightToWork === RightToWork.NONE;
  facts.push(
    checked
      ? {
          recordId,
          item: 'RIGHT_TO_WORK',
          status: ResettlementStatus.COMPLETED,
          detail: rightToWork,
          ...recorded,
        }
      : notStarted(recordId, 'RIGHT_TO_WORK'),
  );
  if (workReadiness?.supportDeclined) {
    facts.push({
      recordId,
      item: 'SUPPORT',
      status: ResettlementStatus.COMPLETED,
      detail: 'DECLINED',
      ...recorded,
    });
  }
  return facts;
}

/** Each existing prisoner's readiness facts, in the order of the records. */
export const prisonReadiness = (records: PrisonerRecord[]): ReadinessFact[] =>
  records.flatMap((record) => (record.prisoner ? factsOf(record) : []));
