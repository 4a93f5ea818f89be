import type { DataSource } from 'typeorm';
import type { ReadinessFact } from '../../../lib/person-facts';
import { readinessItems } from '../readiness/readiness';
import { ReadinessStatus } from '../readiness/readiness.entity';
import { type ReadinessRow, readinessRows } from '../readiness/readiness.loaders';
import { ReferralStatus } from '../referral/referral.entity';

const TURNED_DOWN: readonly string[] = [ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN];

/** Support was declined: the record has referrals, and every one was declined or withdrawn. */
function declined(supportRecordId: string, rows: ReadinessRow[]): ReadinessFact[] {
  const referrals = rows.filter(
    (row): row is Extract<ReadinessRow, { origin: 'REFERRAL' }> => row.origin === 'REFERRAL',
  );
  if (!referrals.length || !referrals.every((r) => TURNED_DOWN.includes(r.status))) return [];
  return [
    {
      recordId: supportRecordId,
      item: 'SUPPORT',
      status: ReadinessStatus.COMPLETED,
      detail: 'DECLINED',
      recordedBy: null,
      recordedAt: null,
    },
  ];
}

/**
 * Each existing record's readiness checklist, as `SupportRecord.readiness` gives it but without
 * the notes, then whether support was declined; by record id, in one statement.
 */
export async function supportReadiness(
  database: DataSource,
  ids: string[],
): Promise<ReadinessFact[]> {
  const rows = await readinessRows(database, ids, { withRecords: true });
  const byRecord = new Map<string, ReadinessRow[]>();
  for (const row of rows) {
    if (row.origin === 'SUPPORT_RECORD') byRecord.set(row.supportRecordId, []);
  }
  for (const row of rows) byRecord.get(row.supportRecordId)?.push(row);
  return [...byRecord.keys()].sort().flatMap((id) => {
    const own = byRecord.get(id) ?? [];
    const checklist = readinessItems(id, own).map((item): ReadinessFact => ({
      recordId: id,
      item: item.item,
      status: item.status,
      detail: null,
      recordedBy: item.recordedBy,
      recordedAt: item.recordedAt,
    }));
    return [...checklist, ...declined(id, own)];
  });
}
