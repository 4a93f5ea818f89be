import type { Place } from '../../../lib/pagination';
import type { CaseloadReferral, CustodyRelease } from '../person-view/controller-facts';
import { daysBetween } from '../readiness/work-readiness';
import { CaseloadOrder, type CaseloadFilter } from './caseload.type';

/** One person of a caseload before paging: their referral and their latest custody. */
export interface CaseloadRow {
  personId: string;
  referral: CaseloadReferral;
  release: CustodyRelease | null;
  /** Actual, else expected, release date. */
  releaseDate: string | null;
  daysSinceRelease: number | null;
}

/** Each person once, with their most recent referral of those that fit the filter. */
export function referralPerPerson(
  referrals: readonly CaseloadReferral[],
  personOf: ReadonlyMap<string, string>,
  filter: CaseloadFilter,
): Map<string, CaseloadReferral> {
  const chosen = new Map<string, CaseloadReferral>();
  for (const referral of referrals) {
    if (filter.service && referral.serviceKind !== filter.service) continue;
    if (filter.status && referral.status !== filter.status) continue;
    const person = personOf.get(referral.supportRecordId);
    if (!person) continue;
    const held = chosen.get(person);
    if (!held || referral.referredOn > held.referredOn) chosen.set(person, referral);
  }
  return chosen;
}

export function caseloadRow(
  personId: string,
  referral: CaseloadReferral,
  release: CustodyRelease | undefined,
  today: string,
): CaseloadRow {
  const releaseDate = release ? (release.releaseDate ?? release.expectedReleaseDate) : null;
  return {
    personId,
    referral,
    release: release ?? null,
    releaseDate,
    daysSinceRelease: releaseDate ? daysBetween(releaseDate, today) : null,
  };
}

/** The Date scalar gives arguments as Date objects; rows hold YYYY-MM-DD. */
const isoDay = (value: string | Date) =>
  typeof value === 'string' ? value : value.toISOString().slice(0, 10);

export function fitsReleaseWindow(row: CaseloadRow, filter: CaseloadFilter): boolean {
  if (!filter.releaseFrom && !filter.releaseTo) return true;
  if (!row.releaseDate) return false;
  if (filter.releaseFrom && row.releaseDate < isoDay(filter.releaseFrom)) return false;
  return !(filter.releaseTo && row.releaseDate > isoDay(filter.releaseTo));
}

const NEVER = Number.MAX_SAFE_INTEGER;

/** Where a row sits in the chosen order; the person id breaks ties and keeps cursors stable. */
export function placeIn(order: CaseloadOrder): (row: CaseloadRow) => Place {
  switch (order) {
    case CaseloadOrder.RELEASE_DATE:
      return (row) => [row.releaseDate ?? '9999-12-31', row.personId];
    case CaseloadOrder.REFERRED_ON:
      return (row) => [-Date.parse(row.referral.referredOn), row.personId];
    default:
      return (row) => [
        row.daysSinceRelease === null ? NEVER : Math.abs(row.daysSinceRelease),
        row.personId,
      ];
  }
}
