import type { ReadinessFact } from '../../../lib/person-facts';
import { Controller, type CustodyRelease } from '../person-view/controller-facts';
import {
  ReadinessStatus,
  type WorkReadinessItem,
  WorkReadinessItemKind as Item,
  WorkReadinessStatus,
} from './work-readiness.type';

export type SourcedFact = ReadinessFact & { source: Controller };

/** Who holds each item: the answer shown when they have no record of it yet. */
const HOLDER: Record<Item, Controller> = {
  ...(Object.fromEntries(Object.values(Item).map((item) => [item, Controller.VCS])) as Record<
    Item,
    Controller
  >),
  [Item.ID]: Controller.MOJ,
  [Item.BANK_ACCOUNT]: Controller.MOJ,
  [Item.HOUSING_ON_RELEASE]: Controller.MOJ,
  [Item.UC_CLAIM]: Controller.DWP,
};

/** Needed before someone is ready to start work; the other items help. */
export const ESSENTIAL: readonly Item[] = [
  Item.ID,
  Item.BANK_ACCOUNT,
  Item.CV,
  Item.DISCLOSURE_LETTER,
  Item.EMAIL,
  Item.PHONE,
  Item.HOUSING_ON_RELEASE,
];

const RANK: Record<string, number> = { NOT_STARTED: 0, IN_PROGRESS: 1, COMPLETED: 2 };

/** The furthest along of two answers for one item; the more recent when they are level. */
function furthest(a: SourcedFact | undefined, b: SourcedFact): SourcedFact {
  if (!a) return b;
  const byRank = (RANK[b.status] ?? 0) - (RANK[a.status] ?? 0);
  if (byRank !== 0) return byRank > 0 ? b : a;
  return (b.recordedAt ?? '') > (a.recordedAt ?? '') ? b : a;
}

/**
 * Every checklist item, in working order: for each, the furthest along any controller (or any of
 * the person's charities) has it, with who recorded it and where; NOT_STARTED if none has.
 */
export function checklist(facts: readonly SourcedFact[]): WorkReadinessItem[] {
  return Object.values(Item).map((item) => {
    const best = facts.filter((f) => f.item === item).reduce(furthest, undefined);
    if (!best) {
      const none = { status: ReadinessStatus.NOT_STARTED, detail: null };
      return { item, ...none, source: HOLDER[item], recordedBy: null, recordedAt: null };
    }
    const { status, detail, source, recordedBy, recordedAt } = best;
    return { item, status: status as ReadinessStatus, detail, source, recordedBy, recordedAt };
  });
}

const WORDS: Partial<Record<Item, string>> = {
  [Item.BANK_ACCOUNT]: 'bank account',
  [Item.DISCLOSURE_LETTER]: 'disclosure letter',
  [Item.EMAIL]: 'email',
  [Item.PHONE]: 'phone',
  [Item.HOUSING_ON_RELEASE]: 'housing on release',
};

/**
 * The overall status, and why, so a caseworker can check it: a recorded lack of right to work
 * first, then support declined (by the prison's record, or by every charity's referral), then
 * ready when every essential item is complete.
 */
export function overallStatus(
  items: readonly WorkReadinessItem[],
  facts: readonly SourcedFact[],
  supportRecords: number,
): { status: WorkReadinessStatus; reason: string } {
  if (facts.some((f) => f.item === 'RIGHT_TO_WORK' && f.detail === 'NONE')) {
    const reason = 'The prison recorded that they have no right to work in the UK.';
    return { status: WorkReadinessStatus.NO_RIGHT_TO_WORK, reason };
  }
  const declined = facts.filter((f) => f.item === 'SUPPORT' && f.detail === 'DECLINED');
  if (declined.some((f) => f.source === Controller.MOJ)) {
    const reason = 'The prison recorded that they declined support into work.';
    return { status: WorkReadinessStatus.SUPPORT_DECLINED, reason };
  }
  const charitiesDeclined = declined.filter((f) => f.source === Controller.VCS).length;
  if (supportRecords > 0 && charitiesDeclined >= supportRecords) {
    const reason = 'They declined or withdrew from every charity referral.';
    return { status: WorkReadinessStatus.SUPPORT_DECLINED, reason };
  }
  const outstanding = items.filter((i) => ESSENTIAL.includes(i.item) && i.status !== 'COMPLETED');
  if (!outstanding.length) {
    return { status: WorkReadinessStatus.READY_TO_WORK, reason: 'Every essential item is done.' };
  }
  const names = outstanding.map((i) => WORDS[i.item] ?? i.item);
  return {
    status: WorkReadinessStatus.SUPPORT_NEEDED,
    reason: `Still to do: ${names.join(', ')}.`,
  };
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The most recent of a person's custody periods, when they have several prison records. */
export const latestRelease = (releases: readonly CustodyRelease[]): CustodyRelease | undefined =>
  releases.reduce<CustodyRelease | undefined>(
    (latest, release) =>
      !latest || release.receptionDate > latest.receptionDate ? release : latest,
    undefined,
  );

/** Still in custody, with an expected release date from `today` to 12 weeks on. */
export function releaseWithin12Weeks(release: CustodyRelease | undefined, today: string): boolean {
  if (!release || release.releaseDate || !release.expectedReleaseDate) return false;
  const days = daysBetween(today, release.expectedReleaseDate);
  return days >= 0 && days <= 84;
}

export const todayIso = () => new Date().toISOString().slice(0, 10);
