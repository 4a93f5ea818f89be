import { type AccessContext, accessContext } from '../../lib/access/policy';
import type { RequestContext } from '../../lib/auth/roles';
import { requestScopes } from '../../lib/access/scope';
import type { ContextServices } from '../../lib/subgraph-server';
import { VCS_ACCESS } from './access';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Bundle } from '../../lib/bundle';
import { createConsentLoaders } from './consent/consent.loaders';
import { createEmployerLoaders } from './employer/employer.loaders';
import { createEngagementLoaders } from './engagement/engagement.loaders';
import { createOrganisationLoaders } from './organisation/organisation.loaders';
import { createSupportOutcomeLoaders } from './outcome/support-outcome.loaders';
import { createReadinessLoaders } from './readiness/readiness.loaders';
import { createReferralLoaders } from './referral/referral.loaders';
import { supportRecordBundles } from './support-record/support-record.bundle';
import { createSupportRecordLoaders } from './support-record/support-record.loaders';

/** Fresh DataLoaders for each request, so batching and caching never cross requests. */
function createLoaders(database: DataSource) {
  return {
    ...createOrganisationLoaders(database),
    ...createSupportRecordLoaders(database),
    ...createReferralLoaders(database),
    ...createEngagementLoaders(database),
    ...createSupportOutcomeLoaders(database),
    ...createConsentLoaders(database),
    ...createEmployerLoaders(database),
    ...createReadinessLoaders(database),
  };
}

export interface VcsContext extends AccessContext {
  database: DataSource;
  loaders: ReturnType<typeof createLoaders>;
  /** Each support record's rows, read once for all the calls of one gateway request. */
  bundles: DataLoader<string, Bundle>;
}

export function createContext(
  database: DataSource,
  request: RequestContext,
  { scope }: ContextServices,
): VcsContext {
  return {
    database,
    loaders: createLoaders(database),
    bundles: supportRecordBundles(database, request),
    ...accessContext(request, requestScopes(scope, request, VCS_ACCESS)),
  };
}
