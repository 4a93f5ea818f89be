import type { ReadinessFact } from '../../../lib/person-facts';
import { readinessItems } from '../readiness/readiness';
import { ReadinessStatus } from '../readiness/readiness.entity';
import { type Referral, ReferralStatus } from '../referral/referral.entity';
import { type SupportRecordRows, readinessRowsOf } from '../support-record/support-record.bundle';

const TURNED_DOWN: readonly string[] = [ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN];

/** Support was declined: the record has referrals, and every one was declined or withdrawn. */
function declined(recordId: string, referrals: Referral[]): ReadinessFact[] {
  if (!referrals.length || !referrals.every((r) => TURNED_DOWN.includes(r.status))) return [];
  return [
    {
      recordId,
      item: 'SUPPORT',
      status: ReadinessStatus.COMPLETED,
      detail: 'DECLINED',
      recordedBy: null,
      recordedAt: null,
    },
  ];
}

/**
 * Each record's readiness checklist, as `SupportRecord.readiness` gives it but without the notes,
 * then whether support was declined; by record id.
 */
export function supportReadiness(records: readonly SupportRecordRows[]): ReadinessFact[] {
  return [...records]
    .sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0))
    .flatMap((rows) => {
      const { id } = rows.record;
      const checklist = readinessItems(id, readinessRowsOf(rows)).map((item): ReadinessFact => ({
        recordId: id,
        item: item.item,
        status: item.status,
        detail: null,
        recordedBy: item.recordedBy,
        recordedAt: item.recordedAt,
      }));
      return [...checklist, ...declined(id, rows.referrals)];
    });
}
