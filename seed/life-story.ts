import type { SeedFaker } from './seed-faker';
import type { Day } from './calendar';
import { crnFor, ninoFor, pncFor, prisonNumberFor } from './identifiers';
import type { TrueDetails } from './noise';
import { LIFE_RATES as RATES } from './rates';
import {
  COMMON_SURNAMES,
  ESTABLISHMENTS,
  type EstablishmentRecord,
  FEMALE_GIVEN_NAMES,
  HOME_AREAS,
  MALE_GIVEN_NAMES,
} from './reference-data';

export type Sex = 'FEMALE' | 'MALE';
export type HomeArea = (typeof HOME_AREAS)[number];

export interface CustodySpell {
  establishment: EstablishmentRecord;
  reception: Day;
  /** Null while still in custody. */
  release: Day | null;
  expectedRelease: Day;
  sentenceBand: string;
  releaseType: string | null;
}

/** When a job started after the latest release, if one did by the as-of date. */
export interface JobStart {
  day: Day;
  sustained13Weeks: boolean | null;
  sustained26Weeks: boolean | null;
}

/** What is really true of one person: the seed's ground truth, before any record is made. */
export interface LifeStory {
  index: number;
  key: string;
  sex: Sex;
  area: HomeArea;
  details: TrueDetails;
  pncNumber: string;
  crn: string;
  /** Oldest first; the last is the one that matters for resettlement. */
  custody: CustodySpell[];
  /** Chosen before the job is drawn, because IPS changes the odds. */
  ipsParticipant: boolean;
  job: JobStart | null;
}

const SENTENCES = [
  { band: 'REMAND', weight: 10, served: [30, 180] },
  { band: 'UNDER_12_MONTHS', weight: 35, served: [30, 180] },
  { band: 'FROM_12_MONTHS_TO_4_YEARS', weight: 40, served: [180, 730] },
  { band: 'OVER_4_YEARS', weight: 12, served: [730, 2190] },
  { band: 'INDETERMINATE', weight: 3, served: [2190, 5475] },
] as const;

export function isReleased(spell: CustodySpell): spell is CustodySpell & { release: Day } {
  return spell.release !== null;
}

export function latestSpell(story: LifeStory): CustodySpell {
  return story.custody[story.custody.length - 1];
}

/** Draws one person's story; `earlier` lets a few be namesakes or relatives of recent people. */
export function drawLifeStory(
  faker: SeedFaker,
  index: number,
  asOf: Day,
  earlier: LifeStory[],
): LifeStory {
  const sex: Sex = faker.datatype.boolean(RATES.female.value) ? 'FEMALE' : 'MALE';
  const latest = drawLatestSpell(faker, sex, asOf);
  const custody = faker.datatype.boolean(RATES.secondCustodyPeriod.value)
    ? [drawEarlierSpell(faker, sex, latest.reception), latest]
    : [latest];
  const ageAtRelease = 18 + faker.number.int(22) + faker.number.int(22);
  const born = latest.expectedRelease - ageAtRelease * 365 - faker.number.int(364);
  const area = faker.helpers.arrayElement(HOME_AREAS);
  const details = trueDetails(faker, index, sex, born, area);
  const story: LifeStory = {
    index,
    key: `P${String(index + 1).padStart(7, '0')}`,
    sex,
    area,
    details,
    pncNumber: pncFor(index, new Date(born * 86_400_000).getUTCFullYear() + 18),
    crn: crnFor(index),
    custody,
    ipsParticipant: false,
    job: null,
  };
  makeHardCase(faker, story, earlier);
  return story;
}

function drawLatestSpell(faker: SeedFaker, sex: Sex, asOf: Day): CustodySpell {
  const sentence = faker.helpers.weightedArrayElement(
    SENTENCES.map((s) => ({ weight: s.weight, value: s })),
  );
  const served = faker.number.int({ min: sentence.served[0], max: sentence.served[1] });
  const stillIn = faker.datatype.boolean(RATES.stillInCustody.value);
  const expectedRelease = stillIn
    ? asOf + faker.number.int({ min: 1, max: 180 })
    : asOf - faker.number.int({ min: 1, max: 730 });
  return {
    establishment: pickEstablishment(faker, sex, served),
    reception: expectedRelease - served,
    release: stillIn ? null : expectedRelease,
    expectedRelease,
    sentenceBand: sentence.band,
    releaseType: stillIn ? null : releaseTypeFor(faker, sentence.band),
  };
}

function drawEarlierSpell(faker: SeedFaker, sex: Sex, before: Day): CustodySpell {
  const release = before - faker.number.int({ min: 365, max: 1825 });
  const served = faker.number.int({ min: 30, max: 365 });
  const band = served < 365 ? 'UNDER_12_MONTHS' : 'FROM_12_MONTHS_TO_4_YEARS';
  return {
    establishment: pickEstablishment(faker, sex, served),
    reception: release - served,
    release,
    expectedRelease: release,
    sentenceBand: band,
    releaseType: releaseTypeFor(faker, band),
  };
}

function pickEstablishment(faker: SeedFaker, sex: Sex, served: number): EstablishmentRecord {
  const open = served > 540 && faker.datatype.boolean(0.3);
  const fits = ESTABLISHMENTS.filter((e) =>
    sex === 'FEMALE'
      ? e.category === (open ? 'FEMALE_OPEN' : 'FEMALE_CLOSED')
      : open
        ? e.category === 'MALE_OPEN'
        : e.category !== 'MALE_OPEN' && !e.category.startsWith('FEMALE'),
  );
  return faker.helpers.arrayElement(fits);
}

function releaseTypeFor(faker: SeedFaker, band: string): string {
  if (band === 'REMAND') return 'RELEASED_FROM_REMAND';
  if (band === 'INDETERMINATE') return 'PAROLE';
  return faker.helpers.weightedArrayElement([
    { weight: 72, value: 'AUTOMATIC_RELEASE_ON_LICENCE' },
    { weight: 16, value: 'HOME_DETENTION_CURFEW' },
    { weight: band === 'OVER_4_YEARS' ? 8 : 1, value: 'PAROLE' },
    { weight: 8, value: 'SENTENCE_EXPIRY' },
  ]);
}

function trueDetails(
  faker: SeedFaker,
  index: number,
  sex: Sex,
  born: Day,
  area: HomeArea,
): TrueDetails {
  const nino = ninoFor(index);
  return {
    givenName: faker.helpers.arrayElement(sex === 'FEMALE' ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES),
    familyName: faker.datatype.boolean(0.6)
      ? faker.helpers.weightedArrayElement(
          COMMON_SURNAMES.map((value, rank) => ({ value, weight: 1 / (rank + 1) })),
        )
      : faker.person.lastName(),
    dateOfBirth: new Date(born * 86_400_000).toISOString().slice(0, 10),
    postcode: postcodeIn(faker, area),
    previousPostcode: postcodeIn(faker, area),
    nino,
    prisonNumber: prisonNumberFor(index),
    wrongNino: nino.slice(0, 2) + typoDigits(faker, nino.slice(2, 8)) + nino.slice(8),
  };
}

function typoDigits(faker: SeedFaker, digits: string): string {
  const at = faker.number.int(digits.length - 1);
  const replacement = String((Number(digits[at]) + faker.number.int({ min: 1, max: 9 })) % 10);
  return digits.slice(0, at) + replacement + digits.slice(at + 1);
}

/** A real-format UK postcode in one of the area's postcode areas. */
export function postcodeIn(faker: SeedFaker, area: HomeArea): string {
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  const outward = `${faker.helpers.arrayElement(area.postcodeAreas)}${faker.number.int({ min: 1, max: 20 })}`;
  return `${outward} ${faker.number.int(9)}${faker.helpers.arrayElement([...letters])}${faker.helpers.arrayElement([...letters])}`;
}

/** Namesakes share a common name and date of birth; relatives share a surname and address. */
function makeHardCase(faker: SeedFaker, story: LifeStory, earlier: LifeStory[]): void {
  if (earlier.length === 0) return;
  const other = faker.helpers.arrayElement(earlier);
  if (faker.datatype.boolean(RATES.namesake.value) && other.sex === story.sex) {
    story.details.givenName = other.details.givenName;
    story.details.familyName = other.details.familyName;
    story.details.dateOfBirth = other.details.dateOfBirth;
  } else if (faker.datatype.boolean(RATES.relative.value)) {
    story.details.familyName = other.details.familyName;
    story.details.givenName = similarGivenName(faker, story, other.details.givenName);
    story.details.postcode = other.details.postcode;
    story.area = other.area;
    story.details.wrongNino = other.details.nino;
  }
}

function similarGivenName(faker: SeedFaker, story: LifeStory, relative: string): string {
  const names = story.sex === 'FEMALE' ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES;
  const sameInitial = names.filter((name) => name[0] === relative[0] && name !== relative);
  return sameInitial.length ? faker.helpers.arrayElement(sameInitial) : story.details.givenName;
}
