import { registerEnumType } from 'type-graphql';

/** Defined identically in the vcs subgraph: Federation merges the two. Keep them in step. */
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
