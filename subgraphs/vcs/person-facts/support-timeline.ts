import type { TimelineFact } from '../../../lib/person-facts';
import { type Consent, ConsentScope } from '../consent/consent.entity';
import { type Engagement, EngagementKind } from '../engagement/engagement.entity';
import { OutcomeKind, type SupportOutcome } from '../outcome/support-outcome.entity';
import { type Referral, ReferralSource } from '../referral/referral.entity';
import type { SupportRecordRows } from '../support-record/support-record.bundle';

const ENGAGEMENTS: Record<EngagementKind, string> = {
  [EngagementKind.INITIAL_ASSESSMENT]: 'Initial assessment',
  [EngagementKind.ONE_TO_ONE]: 'One-to-one meeting',
  [EngagementKind.GROUP_SESSION]: 'Group session',
  [EngagementKind.MENTORING_SESSION]: 'Mentoring session',
  [EngagementKind.CV_WORKSHOP]: 'CV workshop',
  [EngagementKind.EMPLOYER_INTRODUCTION]: 'Introduction to an employer',
  [EngagementKind.IN_PRISON_VISIT]: 'Visit in prison',
};

/** What each outcome says, and how its employer (if any) follows. */
const OUTCOMES: Record<OutcomeKind, [string, string]> = {
  [OutcomeKind.JOB_START]: ['Started work', 'at'],
  [OutcomeKind.TRAINING_START]: ['Started training', 'with'],
  [OutcomeKind.JOB_SUSTAINED_13_WEEKS]: ['In work for 13 weeks', 'at'],
  [OutcomeKind.JOB_SUSTAINED_26_WEEKS]: ['In work for 26 weeks', 'at'],
};

const REFERRERS: Record<ReferralSource, string> = {
  [ReferralSource.PRISON]: 'the prison',
  [ReferralSource.PROBATION]: 'probation',
  [ReferralSource.JOBCENTRE]: 'the Jobcentre',
  [ReferralSource.SELF]: 'themselves',
  [ReferralSource.OTHER_CHARITY]: 'another charity',
};

const CONSENTS: Record<ConsentScope, string> = {
  [ConsentScope.EMPLOYMENT_SUPPORT]: 'employment support',
  [ConsentScope.SHARE_WITH_DWP]: 'sharing with DWP',
  [ConsentScope.SHARE_WITH_MOJ]: 'sharing with MoJ',
  [ConsentScope.SHARE_CASE_NOTES]: 'sharing case notes',
};

/** The service, and its organisation unless the service's name already says it. */
function serviceNamed(service: string, organisation: string | null): string {
  return !organisation || service.includes(organisation) ? service : `${service} (${organisation})`;
}

function referralFacts(referral: Referral, service: string): TimelineFact[] {
  const referrer = REFERRERS[referral.source];
  const referred =
    referral.source === ReferralSource.SELF
      ? `Referred themselves to ${service}`
      : `Referred to ${service}${referrer ? ` by ${referrer}` : ''}`;
  const base = { recordId: referral.supportRecordId };
  return [
    {
      ...base,
      id: `referral:${referral.id}`,
      kind: 'REFERRAL',
      date: referral.referredOn,
      summary: referred,
    },
    ...(referral.acceptedOn
      ? [
          {
            ...base,
            id: `referral:${referral.id}:accepted`,
            kind: 'REFERRAL_ACCEPTED',
            date: referral.acceptedOn,
            summary: `Referral to ${service} accepted`,
          },
        ]
      : []),
  ];
}

function engagementFact(engagement: Engagement, organisation: string | null): TimelineFact {
  const kind = ENGAGEMENTS[engagement.kind] ?? 'Contact';
  return {
    id: `engagement:${engagement.id}`,
    recordId: engagement.supportRecordId,
    kind: 'ENGAGEMENT',
    date: engagement.date,
    summary: organisation ? `${kind} (${organisation})` : kind,
  };
}

function outcomeFact(outcome: SupportOutcome, employer: string | null): TimelineFact {
  const [done, joiner] = OUTCOMES[outcome.kind];
  return {
    id: `outcome:${outcome.id}`,
    recordId: outcome.supportRecordId,
    kind: outcome.kind,
    date: outcome.date,
    summary: employer ? `${done} ${joiner} ${employer}` : done,
  };
}

function withdrawalFact(consent: Consent, organisation: string | null): TimelineFact[] {
  if (!consent.withdrawnOn) return [];
  const scope = CONSENTS[consent.scope] ?? 'sharing';
  return [
    {
      id: `consent:${consent.id}:withdrawn`,
      recordId: consent.supportRecordId,
      kind: 'CONSENT_WITHDRAWN',
      date: consent.withdrawnOn,
      summary: `Withdrew consent to ${scope}${organisation ? ` (${organisation})` : ''}`,
    },
  ];
}

const nameById = (rows: { id: string; name: string }[]) =>
  new Map(rows.map((row) => [row.id, row.name]));

/** One record's referrals, acceptances, engagements, outcomes and consent withdrawals. */
function recordTimeline(rows: SupportRecordRows): TimelineFact[] {
  const organisations = nameById(rows.organisations);
  const employers = nameById(rows.employers);
  const services = new Map(rows.services.map((service) => [service.id, service]));
  const own = organisations.get(rows.record.organisationId) ?? null;
  return [
    ...rows.referrals.flatMap((referral) => {
      const service = services.get(referral.serviceId);
      if (!service) return [];
      const runBy = organisations.get(service.organisationId) ?? null;
      return referralFacts(referral, serviceNamed(service.name, runBy));
    }),
    ...rows.engagements.map((engagement) => engagementFact(engagement, own)),
    ...rows.outcomes.map((outcome) =>
      outcomeFact(outcome, outcome.employerId ? (employers.get(outcome.employerId) ?? null) : null),
    ),
    ...rows.consents.flatMap((consent) => withdrawalFact(consent, own)),
  ];
}

const byDateThenId = (a: TimelineFact, b: TimelineFact) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The dated events of the records, merged by date then id; never an engagement's notes. */
export function supportTimeline(records: readonly SupportRecordRows[]): TimelineFact[] {
  return records.flatMap(recordTimeline).sort(byDateThenId);
}
