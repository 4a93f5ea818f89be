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

export function mojRecords(
  faker: SeedFaker,
  story: LifeStory,
  asOf: Day,
  employerNames: readonly string[],
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
