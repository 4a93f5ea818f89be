import type { SeedFaker } from '../seed-faker';
import { type Day, toIso } from '../calendar';
import { type LifeStory, latestSpell } from '../life-story';
import { recordDetails } from '../noise';
import { LIFE_RATES as RATES, NOISE } from '../rates';
import { SECTORS } from '../reference-data';
import { type IdentityRecord, type TableRows, type TruthRow, addRow } from './rows';

/** The work coaches of each Jobcentre, by Jobcentre name: the first works in prisons. */
export type WorkCoachesByJobcentre = ReadonlyMap<string, readonly string[]>;

export interface DwpOutput {
  rows: TableRows;
  truth: TruthRow[];
  identities: IdentityRecord[];
}

export function dwpRecords(
  faker: SeedFaker,
  story: LifeStory,
  asOf: Day,
  coaches: WorkCoachesByJobcentre,
): DwpOutput {
  const rows: TableRows = {};
  if (!faker.datatype.boolean(RATES.claimant.value)) return { rows, truth: [], identities: [] };
  const nino = story.details.nino;
  const recorded = recordDetails(faker, story.details, NOISE.dwp);
  const jobcentre = faker.helpers.arrayElement(story.area.jobcentres);
  const [prisonCoach, ...communityCoaches] = coaches.get(jobcentre) ?? [];
  const workCoachId = faker.helpers.arrayElement(communityCoaches);
  addRow(rows, 'Claimant', {
    nino,
    givenName: recorded.givenName,
    familyName: recorded.familyName,
    dateOfBirth: recorded.dateOfBirth,
    postcode: recorded.postcode,
    jobcentre,
    workCoachId,
    updatedAt: `${toIso(asOf)}T00:00:00.000Z`,
  });
  if (faker.datatype.boolean(0.1)) legacyClaim(faker, rows, story);
  const claim = universalCreditClaim(faker, rows, story, asOf);
  if (claim) {
    appointments(faker, rows, nino, claim, asOf, { prisonCoach, workCoachId });
    if (faker.datatype.boolean(RATES.programmeReferral.value))
      programmeReferral(faker, rows, nino, claim.day, asOf);
  }
  if (story.job && faker.datatype.boolean(RATES.jobStartRecordedByDwp.value)) {
    addRow(rows, 'EmploymentOutcome', {
      id: faker.recordId(),
      nino,
      jobStartDate: toIso(story.job.day),
      sector: faker.helpers.arrayElement(SECTORS),
      hoursBand: faker.helpers.weightedArrayElement([
        { value: 'UNDER_16', weight: 20 },
        { value: 'FROM_16_TO_29', weight: 35 },
        { value: 'FULL_TIME_30_PLUS', weight: 45 },
      ]),
      earningsBand: faker.helpers.arrayElement([
        'UNDER_500',
        'FROM_500_TO_999',
        'FROM_1000_TO_1499',
        'FROM_1500',
      ]),
      sustained13Weeks: story.job.sustained13Weeks,
      sustained26Weeks: story.job.sustained26Weeks,
    });
  }
  return {
    rows,
    truth: [{ personKey: story.key, source: 'dwp', sourceId: nino }],
    identities: [
      { source: 'dwp', sourceId: nino, ...recorded, nino, prisonNumber: null, pncNumber: null },
    ],
  };
}

function legacyClaim(faker: SeedFaker, rows: TableRows, story: LifeStory) {
  const claimDay = story.custody[0].reception - faker.number.int({ min: 90, max: 1500 });
  addRow(rows, 'BenefitClaim', {
    id: faker.recordId(),
    nino: story.details.nino,
    benefit: faker.helpers.arrayElement([
      'JOBSEEKERS_ALLOWANCE',
      'EMPLOYMENT_AND_SUPPORT_ALLOWANCE',
      'PERSONAL_INDEPENDENCE_PAYMENT',
    ]),
    claimDate: toIso(claimDay),
    startedInCustody: false,
    advancePayment: false,
    firstPaymentDate: toIso(claimDay + 14),
    status: 'CLOSED',
  });
}

/** An advance claim starts in the weeks before release; the rest follow it. None for a future release. */
function universalCreditClaim(faker: SeedFaker, rows: TableRows, story: LifeStory, asOf: Day) {
  const spell = latestSpell(story);
  const release = spell.release ?? spell.expectedRelease;
  const inCustody = faker.datatype.boolean(RATES.ucClaimStartedInCustody.value);
  const day = inCustody
    ? release - faker.number.int({ min: 1, max: 28 })
    : release + faker.number.int({ min: 0, max: 30 });
  if (day > asOf || (!inCustody && spell.release === null)) return null;
  const firstPayment = day + 35 + faker.number.int(7);
  const paid = firstPayment <= asOf;
  addRow(rows, 'BenefitClaim', {
    id: faker.recordId(),
    nino: story.details.nino,
    benefit: 'UNIVERSAL_CREDIT',
    claimDate: toIso(day),
    startedInCustody: inCustody,
    advancePayment: faker.datatype.boolean(RATES.ucAdvancePayment.value),
    firstPaymentDate: paid ? toIso(firstPayment) : null,
    status: faker.datatype.boolean(0.03)
      ? 'DISALLOWED'
      : story.job?.sustained13Weeks
        ? 'CLOSED'
        : paid
          ? 'IN_PAYMENT'
          : 'OPEN',
  });
  return { day, inCustody, release };
}

function appointments(
  faker: SeedFaker,
  rows: TableRows,
  nino: string,
  claim: { day: Day; inCustody: boolean; release: Day },
  asOf: Day,
  coaches: { prisonCoach: string | undefined; workCoachId: string },
) {
  const book = (day: Day, kind: string, workCoachId: string | undefined) =>
    addRow(rows, 'JobcentreAppointment', {
      id: faker.recordId(),
      nino,
      date: toIso(day),
      kind,
      attendance:
        day > asOf
          ? 'BOOKED'
          : faker.datatype.boolean(RATES.missedAppointment.value)
            ? 'MISSED'
            : 'ATTENDED',
      workCoachId: workCoachId ?? null,
    });
  if (claim.inCustody) book(claim.day, 'PRISON_WORK_COACH_VISIT', coaches.prisonCoach);
  let day = Math.max(claim.day, claim.release) + faker.number.int({ min: 1, max: 7 });
  const kinds = ['INITIAL_INTERVIEW', 'CLAIMANT_COMMITMENT'];
  for (let n = faker.number.int({ min: 2, max: 8 }); n > 0 && day <= asOf + 14; n--) {
    book(
      day,
      kinds.shift() ?? faker.helpers.arrayElement(['WORK_SEARCH_REVIEW', 'WORK_FOCUSED_INTERVIEW']),
      coaches.workCoachId,
    );
    day += faker.number.int({ min: 10, max: 21 });
  }
}

function programmeReferral(
  faker: SeedFaker,
  rows: TableRows,
  nino: string,
  claimDay: Day,
  asOf: Day,
) {
  const referred = claimDay + faker.number.int({ min: 60, max: 300 });
  if (referred > asOf) return;
  const started = referred + faker.number.int({ min: 7, max: 42 });
  const status =
    started > asOf
      ? 'REFERRED'
      : faker.helpers.arrayElement(['STARTED', 'COMPLETED', 'LEFT_EARLY']);
  addRow(rows, 'ProgrammeReferral', {
    id: faker.recordId(),
    nino,
    programme: faker.helpers.arrayElement([
      'RESTART_SCHEME',
      'SECTOR_BASED_WORK_ACADEMY',
      'WORK_AND_HEALTH_PROGRAMME',
      'JOB_ENTRY_TARGETED_SUPPORT',
    ]),
    referredOn: toIso(referred),
    startedOn: status === 'REFERRED' ? null : toIso(started),
    status,
  });
}
