import { type AccessContext, accessContext } from '../../lib/access/policy';
import type { RequestContext } from '../../lib/auth/roles';
import type { DataSource } from 'typeorm';
import { createAppointmentLoaders } from './appointment/appointment.loaders';
import { createBenefitClaimLoaders } from './benefit-claim/benefit-claim.loaders';
import { createClaimantLoaders } from './claimant/claimant.loaders';
import { createEmploymentOutcomeLoaders } from './employment-outcome/employment-outcome.loaders';
import { createProgrammeReferralLoaders } from './programme-referral/programme-referral.loaders';
import { createWorkCoachLoaders } from './work-coach/work-coach.loaders';

/** Every DataLoader a request can use; made afresh per request, so nothing leaks between them. */
function createLoaders(database: DataSource) {
  return {
    ...createClaimantLoaders(database),
    ...createWorkCoachLoaders(database),
    ...createBenefitClaimLoaders(database),
    ...createAppointmentLoaders(database),
    ...createProgrammeReferralLoaders(database),
    ...createEmploymentOutcomeLoaders(database),
  };
}

export interface DwpContext extends AccessContext {
  database: DataSource;
  loaders: ReturnType<typeof createLoaders>;
}

export function createContext(database: DataSource, request: RequestContext): DwpContext {
  return { database, loaders: createLoaders(database), ...accessContext(request) };
}
