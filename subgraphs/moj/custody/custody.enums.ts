import { registerEnumType } from 'type-graphql';

export enum ReleaseType {
  AUTOMATIC_RELEASE_ON_LICENCE = 'AUTOMATIC_RELEASE_ON_LICENCE',
  HOME_DETENTION_CURFEW = 'HOME_DETENTION_CURFEW',
  PAROLE = 'PAROLE',
  SENTENCE_EXPIRY = 'SENTENCE_EXPIRY',
  RELEASED_FROM_REMAND = 'RELEASED_FROM_REMAND',
}
registerEnumType(ReleaseType, { name: 'ReleaseType', description: 'How a custody period ended.' });

export enum SentenceBand {
  REMAND = 'REMAND',
  UNDER_12_MONTHS = 'UNDER_12_MONTHS',
  FROM_12_MONTHS_TO_4_YEARS = 'FROM_12_MONTHS_TO_4_YEARS',
  OVER_4_YEARS = 'OVER_4_YEARS',
  INDETERMINATE = 'INDETERMINATE',
}
registerEnumType(SentenceBand, { name: 'SentenceBand', description: 'Length of sentence served.' });

export enum OffenceCategory {
  VIOLENCE_AGAINST_THE_PERSON = 'VIOLENCE_AGAINST_THE_PERSON',
  SEXUAL_OFFENCES = 'SEXUAL_OFFENCES',
  ROBBERY = 'ROBBERY',
  THEFT = 'THEFT',
  DRUG_OFFENCES = 'DRUG_OFFENCES',
  PUBLIC_ORDER = 'PUBLIC_ORDER',
  FRAUD = 'FRAUD',
  MOTORING = 'MOTORING',
  OTHER = 'OTHER',
}
registerEnumType(OffenceCategory, {
  name: 'OffenceCategory',
  description: 'Category of the principal offence (restricted data; access rules come later).',
});
