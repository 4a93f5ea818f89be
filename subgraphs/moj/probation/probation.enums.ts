import { registerEnumType } from 'type-graphql';

export enum RiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  VERY_HIGH = 'VERY_HIGH',
}
registerEnumType(RiskLevel, {
  name: 'RiskLevel',
  description: 'Risk of serious harm (restricted data; access rules come later).',
});

export enum AccommodationStatus {
  SETTLED = 'SETTLED',
  TEMPORARY = 'TEMPORARY',
  APPROVED_PREMISES = 'APPROVED_PREMISES',
  NO_FIXED_ABODE = 'NO_FIXED_ABODE',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(AccommodationStatus, {
  name: 'AccommodationStatus',
  description: 'Where the person lives on release.',
});

export enum EteStatus {
  EMPLOYED = 'EMPLOYED',
  SELF_EMPLOYED = 'SELF_EMPLOYED',
  EDUCATION_OR_TRAINING = 'EDUCATION_OR_TRAINING',
  UNEMPLOYED = 'UNEMPLOYED',
  UNAVAILABLE_FOR_WORK = 'UNAVAILABLE_FOR_WORK',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(EteStatus, {
  name: 'EteStatus',
  description: 'Employment, training and education status.',
});
