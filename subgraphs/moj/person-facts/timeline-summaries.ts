import { ReleaseType } from '../custody/custody.enums';
import { QualificationLevel } from '../education/education-course.entity';
import { PrisonActivity } from '../prison-work/prison-work-placement.entity';
import { TemporaryLicencePurpose } from '../temporary-licence/release-on-temporary-licence.entity';

/** The closed lists a timeline line names, in a caseworker's words. */
export const RELEASE_TYPE: Record<ReleaseType, string> = {
  AUTOMATIC_RELEASE_ON_LICENCE: 'automatic release on licence',
  HOME_DETENTION_CURFEW: 'home detention curfew',
  PAROLE: 'parole',
  SENTENCE_EXPIRY: 'end of sentence',
  RELEASED_FROM_REMAND: 'released from remand',
};

export const ROTL_PURPOSE: Record<TemporaryLicencePurpose, string> = {
  PAID_WORK: 'paid work',
  UNPAID_WORK: 'unpaid work',
  TRAINING: 'training',
  RESETTLEMENT_DAY: 'a resettlement day',
};

export const LEVEL: Record<QualificationLevel, string> = {
  ENTRY_LEVEL: 'Entry Level',
  LEVEL_1: 'Level 1',
  LEVEL_2: 'Level 2',
  LEVEL_3: 'Level 3',
};

export const ACTIVITY: Record<PrisonActivity, string> = {
  WORKSHOP: 'workshop',
  INDUSTRIES: 'industries',
  KITCHEN: 'kitchen',
  LAUNDRY: 'laundry',
  GARDENS: 'gardens',
  WING_CLEANER: 'wing cleaning',
  EDUCATION_ORDERLY: 'education orderly',
  PEER_MENTOR: 'peer mentoring',
};

/** The words for `value` in `words`, or the value itself should the list grow first. */
export const inWords = <K extends string>(words: Record<K, string>, value: string | null) =>
  value === null ? null : (words[value as K] ?? value);
