import type { ReadinessFact, TimelineFact } from '../../../lib/person-facts';
import { AppointmentKind, Attendance } from '../appointment/appointment.enums';
import { Benefit, ClaimStatus } from '../benefit-claim/benefit-claim.enums';
import { Sector } from '../employment-outcome/sector.enum';
import { EmploymentProgramme } from '../programme-referral/programme-referral.enums';
import type { LatestUniversalCreditRow, TimelineRow } from './person-facts.sql';

/** Where a claimant's Universal Credit claim stands, from their latest one. */
export function universalCreditReadiness(row: LatestUniversalCreditRow): ReadinessFact {
  const status =
    row.status === ClaimStatus.IN_PAYMENT
      ? 'COMPLETED'
      : row.status === ClaimStatus.OPEN
        ? 'IN_PROGRESS'
        : 'NOT_STARTED';
  return {
    recordId: row.nino,
    item: 'UC_CLAIM',
    status,
    detail: row.startedInCustody ? 'STARTED_IN_CUSTODY' : null,
    recordedBy: null,
    recordedAt: row.claimDate,
  };
}

const BENEFITS: Record<Benefit, string> = {
  [Benefit.UNIVERSAL_CREDIT]: 'Universal Credit',
  [Benefit.JOBSEEKERS_ALLOWANCE]: "Jobseeker's Allowance",
  [Benefit.EMPLOYMENT_AND_SUPPORT_ALLOWANCE]: 'Employment and Support Allowance',
  [Benefit.PERSONAL_INDEPENDENCE_PAYMENT]: 'Personal Independence Payment',
};

const APPOINTMENTS: Record<AppointmentKind, string> = {
  [AppointmentKind.INITIAL_INTERVIEW]: 'Initial interview',
  [AppointmentKind.CLAIMANT_COMMITMENT]: 'Claimant commitment meeting',
  [AppointmentKind.WORK_SEARCH_REVIEW]: 'Work search review',
  [AppointmentKind.WORK_FOCUSED_INTERVIEW]: 'Work-focused interview',
  [AppointmentKind.PRISON_WORK_COACH_VISIT]: 'Prison work coach visit',
};

const ATTENDANCE: Record<Attendance, string> = {
  [Attendance.ATTENDED]: 'attended',
  [Attendance.MISSED]: 'missed',
  [Attendance.BOOKED]: 'booked',
};

const PROGRAMMES: Record<EmploymentProgramme, string> = {
  [EmploymentProgramme.RESTART_SCHEME]: 'the Restart Scheme',
  [EmploymentProgramme.SECTOR_BASED_WORK_ACADEMY]: 'a Sector-based Work Academy Programme',
  [EmploymentProgramme.WORK_AND_HEALTH_PROGRAMME]: 'the Work and Health Programme',
  [EmploymentProgramme.JOB_ENTRY_TARGETED_SUPPORT]: 'Job Entry: Targeted Support',
};

const SECTORS: Record<Sector, string> = {
  [Sector.CONSTRUCTION]: 'construction',
  [Sector.HOSPITALITY]: 'hospitality',
  [Sector.WAREHOUSING_AND_LOGISTICS]: 'warehousing and logistics',
  [Sector.MANUFACTURING]: 'manufacturing',
  [Sector.RETAIL]: 'retail',
  [Sector.CLEANING_AND_FACILITIES]: 'cleaning and facilities',
  [Sector.HEALTH_AND_SOCIAL_CARE]: 'health and social care',
  [Sector.OFFICE_AND_ADMIN]: 'office and admin',
  [Sector.TRANSPORT]: 'transport',
  [Sector.OTHER]: 'another sector',
};

// An enum value this file does not know yet still reads as itself rather than "undefined".
const words = <K extends string>(names: Record<K, string>, value: string) =>
  names[value as K] ?? value;

/** Job outcomes are counted 13 and 26 weeks after the job start. */
const SUSTAINED = [
  { weeks: 13, kind: 'JOB_SUSTAINED_13_WEEKS', flag: 'sustained13Weeks' },
  { weeks: 26, kind: 'JOB_SUSTAINED_26_WEEKS', flag: 'sustained26Weeks' },
] as const;

function daysAfter(date: string, days: number): string {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

function claimSummary(row: TimelineRow): string {
  const notes = [
    row.startedInCustody && 'started in custody',
    row.advancePayment && 'advance payment',
  ].filter(Boolean);
  const claimed = `Claimed ${words(BENEFITS, row.subject)}`;
  return notes.length ? `${claimed} (${notes.join(', ')})` : claimed;
}

/** The events one timeline row stands for: one, or a job start and its sustained points. */
function events(row: TimelineRow): TimelineFact[] {
  const fact = (id: string, kind: string, date: string, summary: string) => ({
    id,
    recordId: row.nino,
    kind,
    date,
    summary,
  });
  switch (row.kind) {
    case 'UC_CLAIM':
      return [fact(`benefit-claim:${row.id}:claim`, row.kind, row.date, claimSummary(row))];
    case 'FIRST_PAYMENT':
      return [
        fact(
          `benefit-claim:${row.id}:first-payment`,
          row.kind,
          row.date,
          `First payment of ${words(BENEFITS, row.subject)}`,
        ),
      ];
    case 'JOBCENTRE_APPOINTMENT': {
      const attendance = words(ATTENDANCE, row.attendance ?? '');
      const summary = `${words(APPOINTMENTS, row.subject)} (${attendance})`;
      return [fact(`appointment:${row.id}`, row.kind, row.date, summary)];
    }
    case 'PROGRAMME_REFERRAL':
      return [
        fact(
          `programme-referral:${row.id}:referral`,
          row.kind,
          row.date,
          `Referred to ${words(PROGRAMMES, row.subject)}`,
        ),
      ];
    case 'PROGRAMME_START':
      return [
        fact(
          `programme-referral:${row.id}:start`,
          row.kind,
          row.date,
          `Started ${words(PROGRAMMES, row.subject)}`,
        ),
      ];
    case 'JOB_START': {
      const sector = words(SECTORS, row.subject);
      return [
        fact(
          `employment-outcome:${row.id}:start`,
          row.kind,
          row.date,
          `Started a job in ${sector}`,
        ),
        ...SUSTAINED.filter(({ flag }) => row[flag]).map(({ weeks, kind }) =>
          fact(
            `employment-outcome:${row.id}:${weeks}-weeks`,
            kind,
            daysAfter(row.date, weeks * 7),
            `Job in ${sector} sustained for ${weeks} weeks`,
          ),
        ),
      ];
    }
  }
}

const byDateThenId = (a: TimelineFact, b: TimelineFact) =>
  a.date === b.date ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.date < b.date ? -1 : 1;

/** The claimants' timeline events, by date then id. */
export function claimantTimeline(rows: TimelineRow[]): TimelineFact[] {
  return rows.flatMap(events).sort(byDateThenId);
}
