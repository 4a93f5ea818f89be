import type { ReadinessFact, TimelineFact } from '../../../lib/person-facts';
import { AppointmentKind, Attendance } from '../appointment/appointment.enums';
import type { JobcentreAppointment } from '../appointment/appointment.entity';
import type { BenefitClaim } from '../benefit-claim/benefit-claim.entity';
import { Benefit, ClaimStatus } from '../benefit-claim/benefit-claim.enums';
import type { ClaimantRecord } from '../claimant/claimant.bundle';
import type { EmploymentOutcome } from '../employment-outcome/employment-outcome.entity';
import { Sector } from '../employment-outcome/sector.enum';
import type { ProgrammeReferral } from '../programme-referral/programme-referral.entity';
import { EmploymentProgramme } from '../programme-referral/programme-referral.enums';

/** Where a claimant's Universal Credit claim stands, from their latest one; none for no claimant. */
export function universalCreditReadiness(record: ClaimantRecord): ReadinessFact[] {
  if (!record.claimant) return [];
  // Claims come oldest first (by claim date, then id): the latest is the last.
  const latest = record.benefitClaims
    .filter((claim) => claim.benefit === Benefit.UNIVERSAL_CREDIT)
    .at(-1);
  const status =
    latest?.status === ClaimStatus.IN_PAYMENT
      ? 'COMPLETED'
      : latest?.status === ClaimStatus.OPEN
        ? 'IN_PROGRESS'
        : 'NOT_STARTED';
  return [
    {
      recordId: record.claimant.nino,
      item: 'UC_CLAIM',
      status,
      detail: latest?.startedInCustody ? 'STARTED_IN_CUSTODY' : null,
      recordedBy: null,
      recordedAt: latest?.claimDate ?? null,
    },
  ];
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

const fact = (
  row: { nino: string },
  id: string,
  kind: string,
  date: string,
  summary: string,
): TimelineFact => ({ id, recordId: row.nino, kind, date, summary });

function claimSummary(claim: BenefitClaim): string {
  const notes = [
    claim.startedInCustody && 'started in custody',
    claim.advancePayment && 'advance payment',
  ].filter(Boolean);
  const claimed = `Claimed ${words(BENEFITS, claim.benefit)}`;
  return notes.length ? `${claimed} (${notes.join(', ')})` : claimed;
}

/** A claim (whatever the benefit, kind UC_CLAIM), and its first payment once made. */
function claimEvents(claim: BenefitClaim): TimelineFact[] {
  const id = `benefit-claim:${claim.id}`;
  const claimed = fact(claim, `${id}:claim`, 'UC_CLAIM', claim.claimDate, claimSummary(claim));
  if (claim.firstPaymentDate === null) return [claimed];
  const paid = `First payment of ${words(BENEFITS, claim.benefit)}`;
  return [
    claimed,
    fact(claim, `${id}:first-payment`, 'FIRST_PAYMENT', claim.firstPaymentDate, paid),
  ];
}

function appointmentEvent(appointment: JobcentreAppointment): TimelineFact {
  const { id, kind, attendance, date } = appointment;
  const summary = `${words(APPOINTMENTS, kind)} (${words(ATTENDANCE, attendance)})`;
  return fact(appointment, `appointment:${id}`, 'JOBCENTRE_APPOINTMENT', date, summary);
}

/** A referral, and the start on the programme once made. */
function referralEvents(referral: ProgrammeReferral): TimelineFact[] {
  const id = `programme-referral:${referral.id}`;
  const programme = words(PROGRAMMES, referral.programme);
  const referred = fact(
    referral,
    `${id}:referral`,
    'PROGRAMME_REFERRAL',
    referral.referredOn,
    `Referred to ${programme}`,
  );
  if (referral.startedOn === null) return [referred];
  return [
    referred,
    fact(referral, `${id}:start`, 'PROGRAMME_START', referral.startedOn, `Started ${programme}`),
  ];
}

/** A job start, and each point it was known to be sustained at. */
function jobEvents(outcome: EmploymentOutcome): TimelineFact[] {
  const id = `employment-outcome:${outcome.id}`;
  const sector = words(SECTORS, outcome.sector);
  return [
    fact(outcome, `${id}:start`, 'JOB_START', outcome.jobStartDate, `Started a job in ${sector}`),
    ...SUSTAINED.filter(({ flag }) => outcome[flag] === true).map(({ weeks, kind }) =>
      fact(
        outcome,
        `${id}:${weeks}-weeks`,
        kind,
        daysAfter(outcome.jobStartDate, weeks * 7),
        `Job in ${sector} sustained for ${weeks} weeks`,
      ),
    ),
  ];
}

const byDateThenId = (a: TimelineFact, b: TimelineFact) =>
  a.date === b.date ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.date < b.date ? -1 : 1;

/** The claimants' timeline events, by date then id. */
export function claimantTimeline(records: ClaimantRecord[]): TimelineFact[] {
  return records
    .flatMap((record) => [
      ...record.benefitClaims.flatMap(claimEvents),
      ...record.appointments.map(appointmentEvent),
      ...record.programmeReferrals.flatMap(referralEvents),
      ...record.employmentOutcomes.flatMap(jobEvents),
    ])
    .sort(byDateThenId);
}
