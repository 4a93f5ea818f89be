import { registerEnumType } from 'type-graphql';

export enum EmploymentProgramme {
  RESTART_SCHEME = 'RESTART_SCHEME',
  SECTOR_BASED_WORK_ACADEMY = 'SECTOR_BASED_WORK_ACADEMY',
  WORK_AND_HEALTH_PROGRAMME = 'WORK_AND_HEALTH_PROGRAMME',
  JOB_ENTRY_TARGETED_SUPPORT = 'JOB_ENTRY_TARGETED_SUPPORT',
}

export enum ProgrammeReferralStatus {
  REFERRED = 'REFERRED',
  STARTED = 'STARTED',
  COMPLETED = 'COMPLETED',
  LEFT_EARLY = 'LEFT_EARLY',
}

registerEnumType(EmploymentProgramme, {
  name: 'EmploymentProgramme',
  description: 'A DWP employment programme.',
});
registerEnumType(ProgrammeReferralStatus, { name: 'ProgrammeReferralStatus' });
