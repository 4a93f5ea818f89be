import { similarity as jaroWinkler } from 'talisman/metrics/jaro-winkler';
import type { BirthDate, NameForm, RecordFeatures } from './features';

/** The fields compared, each with its levels, most alike first. The last level is "disagrees". */
export const FIELDS = {
  givenName: ['EXACT', 'NICKNAME', 'JARO_WINKLER_0_92', 'JARO_WINKLER_0_80', 'DIFFERENT'],
  familyName: ['EXACT', 'HYPHENATED_PART', 'JARO_WINKLER_0_92', 'JARO_WINKLER_0_80', 'DIFFERENT'],
  dateOfBirth: ['EXACT', 'DAY_MONTH_SWAPPED', 'ONE_OFF', 'DIFFERENT'],
  postcode: ['EXACT', 'SECTOR', 'DISTRICT', 'DIFFERENT'],
  nino: ['EXACT', 'DIFFERENT'],
  prisonNumber: ['EXACT', 'DIFFERENT'],
  pncNumber: ['EXACT', 'DIFFERENT'],
} as const;

export type FieldName = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];
/** A field one side leaves blank: it neither helps nor hurts. */
export const MISSING = 255;

/** Per field, the index of the level two records reach, or MISSING; plus how names lined up. */
export interface ComparisonVector {
  levels: number[];
  namesSwapped: boolean;
  matchedAlias: boolean;
}

export function givenNameLevel(
  a: string,
  b: string,
  aFormal: readonly string[],
  bFormal: readonly string[],
) {
  if (!a || !b) return MISSING;
  if (a === b) return 0;
  if (aFormal.some((name) => bFormal.includes(name))) return 1;
  return similarityLevel(a, b, 2);
}

export function familyNameLevel(
  a: string,
  b: string,
  aParts: readonly string[],
  bParts: readonly string[],
) {
  if (!a || !b) return MISSING;
  if (a === b) return 0;
  if ((aParts.length > 1 || bParts.length > 1) && aParts.some((part) => bParts.includes(part)))
    return 1;
  return similarityLevel(a, b, 2);
}

function similarityLevel(a: string, b: string, first: number): number {
  const score = jaroWinkler(a, b);
  return score >= 0.92 ? first : score >= 0.8 ? first + 1 : first + 2;
}

const levelSum = (levels: [number, number]) =>
  levels.reduce((sum, level) => sum + (level === MISSING ? 5 : level), 0);

/** The best way two records' names line up: as written, swapped, or through an alias. */
export function alignNames(a: NameForm[], b: NameForm[]) {
  let best = { levels: [MISSING, MISSING] as [number, number], swapped: false, alias: false };
  let bestSum = Infinity;
  for (const [i, x] of a.entries()) {
    for (const [j, y] of b.entries()) {
      const direct: [number, number] = [
        givenNameLevel(x.given, y.given, x.formalGiven, y.formalGiven),
        familyNameLevel(x.family, y.family, x.familyParts, y.familyParts),
      ];
      const swapped: [number, number] = [
        givenNameLevel(x.given, y.family, x.formalGiven, [y.family]),
        familyNameLevel(x.family, y.given, x.familyParts, [y.given]),
      ];
      for (const [levels, isSwapped] of [
        [direct, false],
        [swapped, true],
      ] as const) {
        const sum = levelSum(levels) + (isSwapped ? 1 : 0);
        if (sum < bestSum) {
          bestSum = sum;
          best = { levels, swapped: isSwapped, alias: i > 0 || j > 0 };
        }
      }
    }
  }
  return best;
}

export function dateOfBirthLevel(a: BirthDate | null, b: BirthDate | null): number {
  if (!a || !b) return MISSING;
  if (a.iso === b.iso) return 0;
  if (a.year === b.year && a.month === b.day && a.day === b.month) return 1;
  const days = Math.abs(
    Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day),
  );
  const yearApart = Math.abs(a.year - b.year) === 1 && a.month === b.month && a.day === b.day;
  return days === 86_400_000 || yearApart || oneCharacterApart(a.iso, b.iso) ? 2 : 3;
}

function oneCharacterApart(a: string, b: string): boolean {
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differences++;
  return differences === 1;
}

export function postcodeLevel(a: RecordFeatures['postcode'], b: RecordFeatures['postcode']) {
  if (!a || !b) return MISSING;
  if (a.full === b.full) return 0;
  if (a.sector === b.sector) return 1;
  return a.district === b.district ? 2 : 3;
}

export function identifierLevel(a: string | null, b: string | null): number {
  if (!a || !b) return MISSING;
  return a === b ? 0 : 1;
}

export function compareRecords(a: RecordFeatures, b: RecordFeatures): ComparisonVector {
  const names = alignNames(a.names, b.names);
  return {
    levels: [
      names.levels[0],
      names.levels[1],
      dateOfBirthLevel(a.dateOfBirth, b.dateOfBirth),
      postcodeLevel(a.postcode, b.postcode),
      identifierLevel(a.nino, b.nino),
      identifierLevel(a.prisonNumber, b.prisonNumber),
      identifierLevel(a.pncNumber, b.pncNumber),
    ],
    namesSwapped: names.swapped,
    matchedAlias: names.alias,
  };
}
