import type { SeedFaker } from './seed-faker';
import { NICKNAMES } from '../lib/nicknames';
import type { NoiseProfile } from './rates';
import { COMMON_SURNAMES } from './reference-data';

/** A person's details as one controller recorded them. */
export interface RecordedDetails {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  postcode: string;
  nino: string | null;
  prisonNumber: string | null;
}

export interface TrueDetails {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string;
  previousPostcode: string;
  nino: string;
  prisonNumber: string;
  /** Someone whose NINO a careless clerk might type instead: a relative, or nobody. */
  wrongNino: string;
}

const VOWELS = 'aeiou';

/** One keying slip: a letter dropped, doubled, swapped with its neighbour or mistyped. */
export function typo(faker: SeedFaker, name: string): string {
  if (name.length < 3) return name;
  const at = faker.number.int({ min: 1, max: name.length - 2 });
  switch (faker.number.int(3)) {
    case 0:
      return name.slice(0, at) + name.slice(at + 1);
    case 1:
      return name.slice(0, at) + name[at] + name.slice(at);
    case 2:
      return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
    default: {
      const vowel = faker.helpers.arrayElement([...VOWELS].filter((v) => v !== name[at]));
      return name.slice(0, at) + vowel + name.slice(at + 1);
    }
  }
}

function swapDayAndMonth(date: string): string {
  const [year, month, day] = date.split('-');
  return Number(day) <= 12 && day !== month ? `${year}-${day}-${month}` : date;
}

export function offByOne(faker: SeedFaker, date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (faker.datatype.boolean()) {
    // 29 February a year out is no date at all: the clerk would have typed the 28th.
    const typed = year + faker.helpers.arrayElement([-1, 1]);
    const leap = new Date(Date.UTC(typed, 1, 29)).getUTCMonth() === 1;
    return `${typed}-${pad(month)}-${pad(month === 2 && day === 29 && !leap ? 28 : day)}`;
  }
  const shifted = new Date(Date.UTC(year, month - 1, day + faker.helpers.arrayElement([-1, 1])));
  return shifted.toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Applies a controller's noise profile to the truth, each kind of error drawn independently. */
export function recordDetails(
  faker: SeedFaker,
  truth: TrueDetails,
  noise: NoiseProfile,
): RecordedDetails {
  const happens = (rate: number) => rate > 0 && faker.datatype.boolean(rate);
  let givenName = truth.givenName;
  let familyName = truth.familyName;
  if (happens(noise.nickname) && NICKNAMES[givenName])
    givenName = faker.helpers.arrayElement(NICKNAMES[givenName]);
  if (happens(noise.typo)) {
    if (faker.datatype.boolean()) givenName = typo(faker, givenName);
    else familyName = typo(faker, familyName);
  }
  if (happens(noise.hyphenatedSurname))
    familyName = `${familyName}-${faker.helpers.arrayElement(COMMON_SURNAMES)}`;
  if (happens(noise.swappedNames)) [givenName, familyName] = [familyName, givenName];

  let dateOfBirth: string | null = truth.dateOfBirth;
  if (happens(noise.dobDayMonthSwap)) dateOfBirth = swapDayAndMonth(dateOfBirth);
  if (happens(noise.dobOffByOne)) dateOfBirth = offByOne(faker, dateOfBirth);
  if (happens(noise.dobMissing)) dateOfBirth = null;

  const ninoRecorded = happens(noise.ninoRecorded);
  return {
    givenName,
    familyName,
    dateOfBirth,
    postcode: happens(noise.oldPostcode) ? truth.previousPostcode : truth.postcode,
    nino: ninoRecorded ? (happens(noise.ninoWrong) ? truth.wrongNino : truth.nino) : null,
    prisonNumber: happens(noise.prisonNumberRecorded) ? truth.prisonNumber : null,
  };
}
