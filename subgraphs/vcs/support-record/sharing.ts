import { ConsentScope } from '../consent/consent.entity';
import { ReferralStatus } from '../referral/referral.entity';

/** Referrals that make a person part of a charity's caseload. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  ReferralStatus.PENDING,
  ReferralStatus.ACTIVE,
];

/**
 * Whether the charity holding a support record may see the person's joined record: it has the
 * person's current consent to employment support, or an open referral the person has not
 * withdrawn consent from. A withdrawal counts from the day it is recorded. The SQL twin of this
 * rule is `charity-caseload.resolver.ts`; a test holds them to the same answers.
 */
export function sharedWithCharity(
  referrals: readonly { status: string }[],
  consents: readonly { scope: string; withdrawnOn: string | null }[],
  today: string,
): boolean {
  const support = consents.filter((c) => c.scope === ConsentScope.EMPLOYMENT_SUPPORT);
  const current = support.some((c) => c.withdrawnOn === null || c.withdrawnOn > today);
  const withdrawn = support.some((c) => c.withdrawnOn !== null && c.withdrawnOn <= today);
  const open = referrals.some((r) => OPEN_REFERRAL_STATUSES.includes(r.status as ReferralStatus));
  return current || (open && !withdrawn);
}
