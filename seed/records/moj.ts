import type { SeedFaker } from '../seed-faker';
import { type Day, toIso } from '../calendar';
import { type CustodySpell, type LifeStory, isReleased, latestSpell } from '../life-story';
import { recordDetails, typo } from '../noise';
import { LIFE_RATES as RATES, NOISE } from '../rates';
import { COURSES, LICENCE_CONDITIONS, PRISON_WORK } from '../reference-data';
import { type IdentityRecord, type TableRows, type TruthRow, addRow } from './rows';

const OFFENCES = [
  'VIOLENCE_AGAINST_THE_PERSON',
  'SEXUAL_OFFENCES',
  'ROBBERY',
  'THEFT',
  'DRUG_OFFENCES',
  'PUBLIC_ORDER',
  'FRAUD',
  'MOTORING',
  'OTHER',
];
const OFFENCE_WEIGHTS = [22, 8, 6, 20, 18, 8, 5, 5, 8];

export interface MojOutput {
  rows: TableRows;
  truth: TruthRow[];
  identities: IdentityRecord[];
  /** Whether MoJ opened a probation case for the latest sentence. */
  hasProbationCase: boolean;
}

/**
 * `resettlement` draws the resettlement rows: a stream of its own, so that adding them left every
 * row the world made before (and the README's demo answers) as it was.
 */
export function mojRecords(
  faker: SeedFaker,
  story: LifeStory,
  asOf: Day,
  employerNames: readonly string[],
  resettlement: SeedFaker,
): MojOutput {
  const rows: TableRows = {};
  const prisoner = recordDetails(faker, story.details, NOISE.prison);
  addRow(rows, 'Prisoner', {
    prisonNumber: story.details.prisonNumber,
    pncNumber: story.pncNumber,
    givenName: prisoner.givenName,
    familyName: prisoner.familyName,
    dateOfBirth: prisoner.dateOfBirth,
    sex: story.sex,
    nino: prisoner.nino,
    updatedAt: `${toIso(asOf)}T00:00:00.000Z`,
  });
  const otherNames = [];
  if (faker.datatype.boolean(0.2)) {
    const id = faker.recordId();
    const alias = {
      givenName: faker.datatype.boolean()
        ? typo(faker, story.details.givenName)
        : story.details.givenName,
      familyName: faker.datatype.boolean() ? faker.person.lastName() : story.details.familyName,
      dateOfBirth: faker.datatype.boolean(0.7) ? story.details.dateOfBirth : null,
    };
    addRow(rows, 'PrisonerAlias', {
      id,
      prisonNumber: story.details.prisonNumber,
      ...alias,
    });
    otherNames.push(alias);
  }
  for (const spell of story.custody) custodyRows(faker, rows, story, spell, employerNames);
  resettlementRows(resettlement, rows, story, asOf);
  const identities: IdentityRecord[] = [
    {
      source: 'prison',
      sourceId: story.details.prisonNumber,
      ...prisoner,
      // What the prison's identity feed carries: no address, and the aliases.
      postcode: null,
      otherNames,
      prisonNumber: story.details.prisonNumber,
      pncNumber: story.pncNumber,
    },
  ];
  const truth: TruthRow[] = [
    { personKey: story.key, source: 'prison', sourceId: story.details.prisonNumber },
  ];
  const hasProbationCase =
    needsProbation(story) && faker.datatype.boolean(RATES.probationCase.value);
  if (hasProbationCase) {
    const probation = recordDetails(faker, story.details, NOISE.probation);
    probationRows(faker, rows, story, asOf, probation);
    identities.push({
      source: 'probation',
      sourceId: story.crn,
      ...probation,
      postcode: null,
      crn: story.crn,
      pncNumber: story.pncNumber,
    });
    truth.push({ personKey: story.key, source: 'probation', sourceId: story.crn });
  }
  return { rows, truth, identities, hasProbationCase };
}

function custodyRows(
  faker: SeedFaker,
  rows: TableRows,
  story: LifeStory,
  spell: CustodySpell,
  employerNames: readonly string[],
) {
  const id = faker.recordId();
  const end = spell.release ?? spell.expectedRelease;
  addRow(rows, 'CustodyPeriod', {
    id,
    prisonNumber: story.details.prisonNumber,
    establishmentCode: spell.establishment.code,
    receptionDate: toIso(spell.reception),
    releaseDate: spell.release === null ? null : toIso(spell.release),
    expectedReleaseDate: toIso(spell.expectedRelease),
    releaseType: spell.releaseType,
    sentenceBand: spell.sentenceBand,
    offenceCategory: faker.helpers.weightedArrayElement(
      OFFENCES.map((value, i) => ({ value, weight: OFFENCE_WEIGHTS[i] })),
    ),
  });
  const during = (from: number) =>
    spell.reception + Math.min(from, Math.max(1, end - spell.reception - 1));
  if (faker.datatype.boolean(RATES.prisonWork.value)) {
    const work = faker.helpers.arrayElement(PRISON_WORK);
    addRow(rows, 'PrisonWorkPlacement', {
      id: faker.recordId(),
      custodyPeriodId: id,
      activity: work.activity,
      role: faker.helpers.arrayElement(work.roles),
      payBand: faker.helpers.arrayElement(['BAND_1', 'BAND_2', 'BAND_3']),
      startDate: toIso(during(faker.number.int({ min: 7, max: 60 }))),
      endDate: spell.release === null ? null : toIso(spell.release),
    });
  }
  if (faker.datatype.boolean(RATES.educationCourse.value)) {
    for (const course of faker.helpers.arrayElements(COURSES, { min: 1, max: 3 })) {
      const start = during(faker.number.int({ min: 14, max: 120 }));
      const finished = start + 70 <= end;
      addRow(rows, 'EducationCourse', {
        id: faker.recordId(),
        custodyPeriodId: id,
        subject: course.subject,
        level: faker.helpers.arrayElement(course.levels),
        startDate: toIso(start),
        endDate: finished ? toIso(start + 70) : null,
        achieved: finished ? faker.datatype.boolean(RATES.qualificationAchieved.value) : null,
      });
    }
  }
  const open = spell.establishment.category.endsWith('_OPEN');
  if (open && faker.datatype.boolean(RATES.rotlWhenInOpenPrison.value)) {
    const paid = faker.datatype.boolean(RATES.rotlPaid.value);
    const start = Math.max(spell.reception + 1, end - faker.number.int({ min: 30, max: 180 }));
    addRow(rows, 'ReleaseOnTemporaryLicence', {
      id: faker.recordId(),
      custodyPeriodId: id,
      purpose: paid
        ? 'PAID_WORK'
        : faker.helpers.arrayElement(['UNPAID_WORK', 'TRAINING', 'RESETTLEMENT_DAY']),
      employerName:
        paid || faker.datatype.boolean() ? faker.helpers.arrayElement(employerNames) : null,
      startDate: toIso(start),
      endDate: spell.release === null ? null : toIso(spell.release),
      paid,
    });
  }
}

// Assumptions: plausible, no published figure used.
const RESETTLEMENT = {
  /** Someone in custody or released in the last year: the prison has started on most. */
  recordedWhenRecent: 0.9,
  recordedOtherwise: 0.3,
  /** An item recorded once before its latest recording. */
  earlierRecording: 0.25,
  supportDeclined: 0.05,
};
const weighted = (weights: Record<string, number>) =>
  Object.entries(weights).map(([value, weight]) => ({ value, weight }));
const STATUS_IN_CUSTODY = weighted({ NOT_STARTED: 25, IN_PROGRESS: 35, COMPLETED: 40 });
const STATUS_RELEASED = weighted({ NOT_STARTED: 15, IN_PROGRESS: 15, COMPLETED: 70 });
const DOCUMENTS = weighted({
  BIRTH_CERTIFICATE: 35,
  PASSPORT: 25,
  DRIVING_LICENCE: 20,
  CITIZEN_CARD: 15,
  BIOMETRIC_RESIDENCE_PERMIT: 5,
});
const RIGHT_TO_WORK = weighted({ CONFIRMED: 85, NOT_CHECKED: 12, NONE: 3 });
/** The weeks before release when a prison works on someone's ID and bank account. */
const RESETTLEMENT_DAYS = 84;

/**
 * ID and bank account as the prison recorded them in the latest spell (some moved on from an
 * earlier recording), and the right-to-work check, all in the weeks up to release or today.
 */
function resettlementRows(faker: SeedFaker, rows: TableRows, story: LifeStory, asOf: Day) {
  const spell = latestSpell(story);
  const released = spell.release !== null;
  const recent = !released || asOf - (spell.release as Day) <= 365;
  const recorded = recent ? RESETTLEMENT.recordedWhenRecent : RESETTLEMENT.recordedOtherwise;
  const to = spell.release ?? asOf;
  const from = Math.max(spell.reception, to - RESETTLEMENT_DAYS);
  if (from > to || !faker.datatype.boolean(recorded)) return;
  const prisonNumber = story.details.prisonNumber;
  const recordedBy = `prison-staff-${String(faker.number.int({ min: 1, max: 2500 })).padStart(4, '0')}`;
  // Morning for an earlier recording, afternoon for the latest: never two at the same moment.
  const at = (day: Day, hour: number) =>
    `${toIso(day)}T${hour}:${String(faker.number.int(59)).padStart(2, '0')}:00.000Z`;
  for (const item of ['ID', 'BANK_ACCOUNT']) {
    const status = faker.helpers.weightedArrayElement(
      released ? STATUS_RELEASED : STATUS_IN_CUSTODY,
    );
    const document =
      item === 'ID' && status !== 'NOT_STARTED'
        ? faker.helpers.weightedArrayElement(DOCUMENTS)
        : null;
    const day = faker.number.int({ min: from, max: to });
    const row = { prisonNumber, item, recordedBy };
    if (status !== 'NOT_STARTED' && faker.datatype.boolean(RESETTLEMENT.earlierRecording)) {
      const started = status === 'COMPLETED' ? 'IN_PROGRESS' : 'NOT_STARTED';
      addRow(rows, 'ResettlementItem', {
        id: faker.recordId(),
        ...row,
        status: started,
        document: started === 'IN_PROGRESS' ? document : null,
        recordedAt: at(faker.number.int({ min: from, max: day }), 10),
      });
    }
    addRow(rows, 'ResettlementItem', {
      id: faker.recordId(),
      ...row,
      status,
      document,
      recordedAt: at(day, 15),
    });
  }
  addRow(rows, 'WorkReadiness', {
    prisonNumber,
    rightToWork: faker.helpers.weightedArrayElement(RIGHT_TO_WORK),
    supportDeclined: faker.datatype.boolean(RESETTLEMENT.supportDeclined),
    recordedBy,
    recordedAt: at(faker.number.int({ min: from, max: to }), 15),
  });
}

function needsProbation(story: LifeStory): boolean {
  const spell = latestSpell(story);
  if (!isReleased(spell)) return spell.sentenceBand !== 'REMAND';
  return spell.releaseType !== 'SENTENCE_EXPIRY' && spell.releaseType !== 'RELEASED_FROM_REMAND';
}

function probationRows(
  faker: SeedFaker,
  rows: TableRows,
  story: LifeStory,
  asOf: Day,
  recorded: ReturnType<typeof recordDetails>,
) {
  const spell = latestSpell(story);
  const release = spell.release ?? spell.expectedRelease;
  addRow(rows, 'ProbationCase', {
    crn: story.crn,
    givenName: recorded.givenName,
    familyName: recorded.familyName,
    dateOfBirth: recorded.dateOfBirth,
    pncNumber: faker.datatype.boolean(0.9) ? story.pncNumber : null,
    prisonNumber: recorded.prisonNumber,
    nino: recorded.nino,
    practitionerName: faker.person.fullName(),
    probationRegion: story.area.region,
    riskLevel: faker.helpers.weightedArrayElement([
      { value: 'LOW', weight: 35 },
      { value: 'MEDIUM', weight: 45 },
      { value: 'HIGH', weight: 17 },
      { value: 'VERY_HIGH', weight: 3 },
    ]),
    accommodationOnRelease: faker.helpers.weightedArrayElement([
      { value: 'SETTLED', weight: 50 },
      { value: 'TEMPORARY', weight: 25 },
      { value: 'APPROVED_PREMISES', weight: 10 },
      { value: 'NO_FIXED_ABODE', weight: 10 },
      { value: 'UNKNOWN', weight: 5 },
    ]),
    eteStatusAtRelease: eteStatus(faker, story, release, 7, asOf),
    eteStatusAt6Weeks: eteStatus(faker, story, release, 42, asOf),
    eteStatusAt6Months: eteStatus(faker, story, release, 182, asOf),
    updatedAt: `${toIso(asOf)}T00:00:00.000Z`,
  });
  for (const condition of faker.helpers.arrayElements(LICENCE_CONDITIONS, { min: 1, max: 4 })) {
    addRow(rows, 'LicenceCondition', {
      id: faker.recordId(),
      crn: story.crn,
      kind: condition.kind,
      description: condition.description,
      restrictsWork: condition.restrictsWork,
      startDate: toIso(release),
      endDate: faker.datatype.boolean(0.7)
        ? toIso(release + faker.number.int({ min: 180, max: 730 }))
        : null,
    });
  }
}

/** ETE status `after` days past release, once that day has come; employment agrees with the job drawn. */
function eteStatus(
  faker: SeedFaker,
  story: LifeStory,
  release: Day,
  after: number,
  asOf: Day,
): string | null {
  if (latestSpell(story).release === null || release + after > asOf) return null;
  if (story.job && story.job.day <= release + after) return 'EMPLOYED';
  return faker.helpers.weightedArrayElement([
    { value: 'EDUCATION_OR_TRAINING', weight: 13 },
    { value: 'UNAVAILABLE_FOR_WORK', weight: RATES.unavailableForWork.value * 100 },
    { value: 'UNKNOWN', weight: 5 },
    { value: 'UNEMPLOYED', weight: 70 },
  ]);
}
