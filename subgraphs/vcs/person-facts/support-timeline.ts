import type { DataSource } from 'typeorm';
import type { TimelineFact } from '../../../lib/person-facts';
import { ConsentScope } from '../consent/consent.entity';
import { EngagementKind } from '../engagement/engagement.entity';
import { OutcomeKind } from '../outcome/support-outcome.entity';
import { ReferralSource } from '../referral/referral.entity';
import { recordIds } from '../support-record/record-ids';

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

/**
 * One row per referral, engagement, outcome and consent withdrawal of the asked records. `what`
 * is the service name or the kind or scope; `who` the organisation or employer; `how` the
 * referral's source. Never an engagement's notes.
 */
interface RawEvent {
  origin: 'REFERRAL' | 'ENGAGEMENT' | 'OUTCOME' | 'CONSENT';
  id: string;
  recordId: string;
  date: string;
  acceptedOn: string | null;
  what: string;
  who: string | null;
  how: string | null;
}

function timelineSql(ids: ReturnType<typeof recordIds>): string {
  const day = (column: string) => `CAST(${column} AS VARCHAR(10))`;
  return `SELECT 'REFERRAL' AS "origin", r."id", r."support_record_id" AS "recordId",
      ${day('r."referred_on"')} AS "date", ${day('r."accepted_on"')} AS "acceptedOn",
      s."name" AS "what", o."name" AS "who", r."source" AS "how"
    FROM "referral" r JOIN "charity_service" s ON s."id" = r."service_id"
      JOIN "organisation" o ON o."id" = s."organisation_id"
    WHERE r."support_record_id" ${ids.in()}
  UNION ALL
  SELECT 'ENGAGEMENT', e."id", e."support_record_id", ${day('e."date"')}, NULL, e."kind",
      o."name", NULL
    FROM "engagement" e JOIN "support_record" sr ON sr."id" = e."support_record_id"
      JOIN "organisation" o ON o."id" = sr."organisation_id"
    WHERE e."support_record_id" ${ids.in()}
  UNION ALL
  SELECT 'OUTCOME', so."id", so."support_record_id", ${day('so."date"')}, NULL, so."kind",
      em."name", NULL
    FROM "support_outcome" so LEFT JOIN "employer" em ON em."id" = so."employer_id"
    WHERE so."support_record_id" ${ids.in()}
  UNION ALL
  SELECT 'CONSENT', c."id", c."support_record_id", ${day('c."withdrawn_on"')}, NULL, c."scope",
      o."name", NULL
    FROM "consent" c JOIN "support_record" sr ON sr."id" = c."support_record_id"
      JOIN "organisation" o ON o."id" = sr."organisation_id"
    WHERE c."withdrawn_on" IS NOT NULL AND c."support_record_id" ${ids.in()}`;
}

/** The service, and its organisation unless the service's name already says it. */
function serviceNamed(service: string, organisation: string | null): string {
  return !organisation || service.includes(organisation) ? service : `${service} (${organisation})`;
}

function referralFacts(row: RawEvent): TimelineFact[] {
  const service = serviceNamed(row.what, row.who);
  const referrer = REFERRERS[row.how as ReferralSource];
  const referred =
    row.how === ReferralSource.SELF
      ? `Referred themselves to ${service}`
      : `Referred to ${service}${referrer ? ` by ${referrer}` : ''}`;
  const base = { recordId: row.recordId };
  return [
    {
      ...base,
      id: `referral:${row.id}`,
      kind: 'REFERRAL',
      date: row.date,
      summary: referred,
    },
    ...(row.acceptedOn
      ? [
          {
            ...base,
            id: `referral:${row.id}:accepted`,
            kind: 'REFERRAL_ACCEPTED',
            date: row.acceptedOn,
            summary: `Referral to ${service} accepted`,
          },
        ]
      : []),
  ];
}

function facts(row: RawEvent): TimelineFact[] {
  const { recordId, date } = row;
  switch (row.origin) {
    case 'REFERRAL':
      return referralFacts(row);
    case 'ENGAGEMENT': {
      const kind = ENGAGEMENTS[row.what as EngagementKind] ?? 'Contact';
      const summary = row.who ? `${kind} (${row.who})` : kind;
      return [{ id: `engagement:${row.id}`, recordId, kind: 'ENGAGEMENT', date, summary }];
    }
    case 'OUTCOME': {
      const [done, joiner] = OUTCOMES[row.what as OutcomeKind];
      const summary = row.who ? `${done} ${joiner} ${row.who}` : done;
      return [{ id: `outcome:${row.id}`, recordId, kind: row.what, date, summary }];
    }
    case 'CONSENT': {
      const scope = CONSENTS[row.what as ConsentScope] ?? 'sharing';
      const summary = `Withdrew consent to ${scope}${row.who ? ` (${row.who})` : ''}`;
      return [
        { id: `consent:${row.id}:withdrawn`, recordId, kind: 'CONSENT_WITHDRAWN', date, summary },
      ];
    }
  }
}

const byDateThenId = (a: TimelineFact, b: TimelineFact) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The dated events of each asked support record that exists, by date then id, in one statement. */
export async function supportTimeline(
  database: DataSource,
  ids: string[],
): Promise<TimelineFact[]> {
  const bound = recordIds(database, ids);
  const sql = timelineSql(bound);
  const rows = (await database.query(sql, bound.parameters())) as RawEvent[];
  return rows.flatMap(facts).sort(byDateThenId);
}
