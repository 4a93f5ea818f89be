import { type AccessContext, accessContext } from '../../lib/access/policy';
import type { RequestContext } from '../../lib/auth/roles';
import { requestScopes } from '../../lib/access/scope';
import type { ContextServices } from '../../lib/subgraph-server';
import { DWP_ACCESS } from './access';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Bundle } from '../../lib/bundle';
import { createAppointmentLoaders } from './appointment/appointment.loaders';
import { createBenefitClaimLoaders } from './benefit-claim/benefit-claim.loaders';
import { claimantBundles } from './claimant/claimant.bundle';
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
  /** Claimants' whole records by NINO, shared by every call of one gateway request. */
  bundles: DataLoader<string, Bundle>;
}

export function createContext(
  database: DataSource,
  request: RequestContext,
  { scope }: ContextServices,
): DwpContext {
  return {
    database,
    loaders: createLoaders(database),
    bundles: claimantBundles(database, request),
    ...accessContext(request, requestScopes(scope, request, DWP_ACCESS)),
  };
}
