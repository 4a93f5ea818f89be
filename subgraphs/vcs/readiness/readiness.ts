import { randomBytes } from 'node:crypto';
import { ReferralStatus } from '../referral/referral.entity';
import {
  READINESS_ITEMS,
  type ReadinessItem,
  ReadinessItemKind,
  ReadinessSource,
  ReadinessStatus,
} from './readiness.entity';
import type { ReadinessRow } from './readiness.loaders';

type ReferralRow = Extract<ReadinessRow, { origin: 'REFERRAL' }>;

const earliest = (dates: string[]) => [...dates].sort()[0] ?? null;

/**
 * The referral item, from the support record's referrals: COMPLETED once a referral is active or
 * completed (since the first was accepted), IN_PROGRESS while one is pending (since the first was
 * made), else NOT_STARTED.
 */
function fromReferrals(referrals: ReferralRow[]): Pick<ReadinessItem, 'status' | 'recordedAt'> {
  const taken = referrals.filter(
    (r) => r.status === ReferralStatus.ACTIVE || r.status === ReferralStatus.COMPLETED,
  );
  if (taken.length) {
    return {
      status: ReadinessStatus.COMPLETED,
      recordedAt: earliest(taken.map((r) => r.acceptedOn ?? r.referredOn)),
    };
  }
  const pending = referrals.filter((r) => r.status === ReferralStatus.PENDING);
  if (pending.length) {
    return {
      status: ReadinessStatus.IN_PROGRESS,
      recordedAt: earliest(pending.map((r) => r.referredOn)),
    };
  }
  return { status: ReadinessStatus.NOT_STARTED, recordedAt: null };
}

/** One support record's checklist: every item, in order, from the rows the loader read. */
export function readinessItems(supportRecordId: string, rows: ReadinessRow[]): ReadinessItem[] {
  const referrals = rows.filter((row): row is ReferralRow => row.origin === 'REFERRAL');
  const latest = new Map(
    rows.flatMap((row) => (row.origin === 'RECORDED' ? [[row.item, row] as const] : [])),
  );
  return READINESS_ITEMS.map((item) => {
    const base = { supportRecordId, item, source: ReadinessSource.VCS };
    if (item === ReadinessItemKind.EMPLOYMENT_SERVICE_REFERRAL) {
      return { ...base, ...fromReferrals(referrals), recordedBy: null, note: null };
    }
    const recorded = latest.get(item);
    return recorded
      ? {
          ...base,
          status: recorded.status,
          recordedBy: recorded.recordedBy,
          recordedAt: recorded.recordedAt,
          note: recorded.note,
        }
      : {
          ...base,
          status: ReadinessStatus.NOT_STARTED,
          recordedBy: null,
          recordedAt: null,
          note: null,
        };
  });
}

let lastMillis = 0;
let sequence = 0;

/**
 * A UUIDv7 (RFC 9562) and the millisecond it carries: 48 bits of Unix time, then a 12-bit
 * counter, so the ids this process makes sort in the order it made them, even within one
 * millisecond (the clock is held back while the counter runs on).
 */
export function timeOrderedId(now = Date.now()): { id: string; millis: number } {
  if (now > lastMillis) {
    lastMillis = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMillis += 1;
    sequence = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMillis, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, millis: lastMillis };
}
