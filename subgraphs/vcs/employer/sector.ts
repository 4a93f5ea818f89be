import { registerEnumType } from 'type-graphql';

/** Shared with dwp, value for value: Federation merges the two into one enum. */
export enum Sector {
  CONSTRUCTION = 'CONSTRUCTION',
  HOSPITALITY = 'HOSPITALITY',
  WAREHOUSING_AND_LOGISTICS = 'WAREHOUSING_AND_LOGISTICS',
  MANUFACTURING = 'MANUFACTURING',
  RETAIL = 'RETAIL',
  CLEANING_AND_FACILITIES = 'CLEANING_AND_FACILITIES',
  HEALTH_AND_SOCIAL_CARE = 'HEALTH_AND_SOCIAL_CARE',
  OFFICE_AND_ADMIN = 'OFFICE_AND_ADMIN',
  TRANSPORT = 'TRANSPORT',
  OTHER = 'OTHER',
}

registerEnumType(Sector, { name: 'Sector' });
