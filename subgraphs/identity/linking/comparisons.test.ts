import {
  FIELDS,
  MISSING,
  alignNames,
  compareRecords,
  dateOfBirthLevel,
  postcodeLevel,
} from './comparisons';
import { birthDate, nameForm, postcode, recordFeatures } from './features';
import type { SourceRecord } from './source-record';

const level = (field: keyof typeof FIELDS, index: number) => FIELDS[field][index];
const names = (given: string, family: string) => [
  nameForm({ givenName: given, familyName: family }),
];
const nameLevels = (a: [string, string], b: [string, string]) => {
  const aligned = alignNames(names(...a), names(...b));
  return {
    given: level('givenName', aligned.levels[0]),
    family: level('familyName', aligned.levels[1]),
    swapped: aligned.swapped,
  };
};

describe('name comparison levels', () => {
  it.each([
    [['Robert', 'Jones'], ['ROBERT', 'jones'], 'EXACT', 'EXACT'],
    [['Bob', 'Jones'], ['Robert', 'Jones'], 'NICKNAME', 'EXACT'],
    [['Chriistopher', 'Clarke'], ['Christopher', 'Clarke'], 'JARO_WINKLER_0_92', 'EXACT'],
    [['Carl', 'Clarke'], ['Karl', 'Clarke'], 'JARO_WINKLER_0_80', 'EXACT'],
    [['Robert', 'Jones-Smith'], ['Robert', 'Jones'], 'EXACT', 'HYPHENATED_PART'],
    [['Robert', 'Jones'], ['Robert', 'Jonse'], 'EXACT', 'JARO_WINKLER_0_92'],
    [['Robert', 'Jones'], ['Amir', 'Jones'], 'DIFFERENT', 'EXACT'],
  ] as [[string, string], [string, string], string, string][])(
    '%j against %j: given %s, family %s',
    (a, b, given, family) => {
      expect(nameLevels(a, b)).toEqual({ given, family, swapped: false });
    },
  );

  it('sees names written the wrong way round', () => {
    expect(nameLevels(['Smith', 'Ryan'], ['Ryan', 'Smith'])).toEqual({
      given: 'EXACT',
      family: 'EXACT',
      swapped: true,
    });
  });

  it('matches through an alias when the main names differ', () => {
    const record = (names: SourceRecord['otherNames'], given: string, family: string) =>
      recordFeatures({ ...BASE, givenName: given, familyName: family, otherNames: names });
    const vector = compareRecords(
      record([{ givenName: 'Daniel', familyName: 'Price' }], 'Danny', 'Okafor'),
      record([], 'Daniel', 'Price'),
    );
    expect(vector.matchedAlias).toBe(true);
    expect(vector.levels.slice(0, 2)).toEqual([0, 0]);
  });
});

describe('date of birth comparison levels', () => {
  const compare = (a: string | null, b: string | null) => {
    const index = dateOfBirthLevel(birthDate(a), birthDate(b));
    return index === MISSING ? 'MISSING' : level('dateOfBirth', index);
  };

  it.each([
    ['1990-04-07', '1990-04-07', 'EXACT'],
    ['1990-04-07', '1990-07-04', 'DAY_MONTH_SWAPPED'],
    ['1990-04-07', '1990-04-08', 'ONE_OFF'],
    ['1990-04-30', '1990-05-01', 'ONE_OFF'],
    ['1990-04-07', '1991-04-07', 'ONE_OFF'],
    ['1990-04-07', '1980-04-07', 'ONE_OFF'],
    ['1990-04-07', '1985-11-23', 'DIFFERENT'],
    ['1990-04-07', null, 'MISSING'],
  ])('%s against %s: %s', (a, b, expected) => {
    expect(compare(a, b)).toBe(expected);
  });
});

describe('postcode comparison levels', () => {
  const compare = (a: string | null, b: string | null) => {
    const index = postcodeLevel(postcode(a), postcode(b));
    return index === MISSING ? 'MISSING' : level('postcode', index);
  };

  it.each([
    ['LS8 1LL', 'ls81ll', 'EXACT'],
    ['LS8 1LL', 'LS8 1QT', 'SECTOR'],
    ['LS8 1LL', 'LS8 4AB', 'DISTRICT'],
    ['LS8 1LL', 'LS9 1LL', 'DIFFERENT'],
    ['LS8 1LL', null, 'MISSING'],
  ])('%s against %s: %s', (a, b, expected) => {
    expect(compare(a, b)).toBe(expected);
  });
});

const BASE: SourceRecord = {
  source: 'dwp',
  sourceId: 'x',
  givenName: '',
  familyName: '',
  dateOfBirth: '1990-04-07',
  nino: null,
  prisonNumber: null,
  pncNumber: null,
};
