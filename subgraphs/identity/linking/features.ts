import soundex from 'talisman/phonetics/soundex';
import { NICKNAMES } from '../../../lib/nicknames';
import type { RecordedName, SourceRecord } from './source-record';

/** One way a record names its person, cleaned for comparison. */
export interface NameForm {
  given: string;
  family: string;
  givenSound: string;
  familySound: string;
  /** The formal names `given` may stand for ("BOB" → ROBERT), itself included. */
  formalGiven: readonly string[];
  formalSounds: readonly string[];
  familyParts: readonly string[];
}

export interface BirthDate {
  iso: string;
  year: number;
  month: number;
  day: number;
}

export interface Postcode {
  full: string;
  sector: string;
  district: string;
}

/** A source record in the shape the comparisons and blocking rules read. */
export interface RecordFeatures {
  record: SourceRecord;
  /** The main name first, then any aliases. */
  names: NameForm[];
  dateOfBirth: BirthDate | null;
  postcode: Postcode | null;
  nino: string | null;
  prisonNumber: string | null;
  pncNumber: string | null;
}

const FORMAL_NAMES = new Map<string, string[]>();
for (const [formal, shortForms] of Object.entries(NICKNAMES)) {
  for (const name of [formal, ...shortForms]) {
    const key = name.toUpperCase();
    FORMAL_NAMES.set(key, [...(FORMAL_NAMES.get(key) ?? []), formal.toUpperCase()]);
  }
}

export const cleanName = (name: string) =>
  name
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z\- ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Names repeat far more than they vary: each is coded once (bounded, for a long-lived service). */
const SOUNDS = new Map<string, string>();

const sound = (name: string) => {
  let code = SOUNDS.get(name);
  if (code === undefined) {
    const letters = name.replace(/[^A-Z]/g, '');
    code = letters ? soundex(letters) : '';
    if (SOUNDS.size >= 1_000_000) SOUNDS.clear();
    SOUNDS.set(name, code);
  }
  return code;
};

export function nameForm(name: RecordedName): NameForm {
  const given = cleanName(name.givenName);
  const family = cleanName(name.familyName);
  const formalGiven = FORMAL_NAMES.get(given) ?? [given];
  return {
    given,
    family,
    givenSound: sound(given),
    familySound: sound(family),
    formalGiven,
    formalSounds: formalGiven.map(sound),
    familyParts: family.split(/[- ]/).filter(Boolean),
  };
}

export function birthDate(iso: string | null | undefined): BirthDate | null {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  return { iso: match[0], year, month, day };
}

export function postcode(value: string | null | undefined): Postcode | null {
  const compact = value?.toUpperCase().replace(/[^A-Z0-9]/g, '') ?? '';
  if (compact.length < 5) return null;
  const district = compact.slice(0, -3);
  const inward = compact.slice(-3);
  return { full: `${district} ${inward}`, sector: `${district} ${inward[0]}`, district };
}

const identifier = (value: string | null | undefined) =>
  value ? value.replace(/\s+/g, '').toUpperCase() : null;

export function recordFeatures(record: SourceRecord): RecordFeatures {
  return {
    record,
    names: [record, ...(record.otherNames ?? [])].map(nameForm),
    dateOfBirth: birthDate(record.dateOfBirth),
    postcode: postcode(record.postcode),
    nino: identifier(record.nino),
    prisonNumber: identifier(record.prisonNumber),
    pncNumber: identifier(record.pncNumber),
  };
}
