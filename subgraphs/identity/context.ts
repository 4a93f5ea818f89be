import { type AccessContext, accessContext } from '../../lib/access/policy';
import type { RequestContext } from '../../lib/auth/roles';
import type { DataSource } from 'typeorm';
import { type ScopeLookup, requestScopes } from '../../lib/access/scope';
import type { ContextServices } from '../../lib/subgraph-server';
import { IDENTITY_ACCESS } from './access';
import type { LinkageService } from './linking/linkage-service';
import { createPersonLoaders } from './person/person.loaders';
import { personBundles } from './person/person.bundle';
import type DataLoader from 'dataloader';
import type { Bundle } from '../../lib/bundle';
import type { IdentityScopeLookup, RecordOwner } from './access-scope/scope-lookup';
import { type ControllerFacts, createControllerFacts } from './person-view/controller-facts';
import { reportingCalls } from './reporting/reporting-calls';
import type { Reporting } from './reporting/cohort-outcomes';
import { DEFAULT_DISCLOSURE_RULES } from '../../lib/disclosure/rules';

export interface IdentityContext extends AccessContext {
  database: DataSource;
  loaders: ReturnType<typeof createPersonLoaders>;
  /** Absent in tests that serve the schema without pulling feeds. */
  linkage?: LinkageService;
  /** Works out any request's scope: the answer identity gives the controllers. */
  scopeLookup: ScopeLookup;
  /** What the controllers hold about the people this request reaches, asked in batches. */
  facts: ControllerFacts;
  /** People and their links, read once for the whole gateway request. */
  bundles: DataLoader<string, Bundle>;
  /** A coordinator's: whose every record on their charity's caseload is; null for others. */
  caseloadOwners(): Promise<RecordOwner[] | null>;
  /** Asking the controllers for a reporting cohort, and the disclosure rules to publish by. */
  reporting: Reporting;
}

export function createContext(
  database: DataSource,
  request: RequestContext,
  { worker, scope, config }: ContextServices,
): IdentityContext {
  return {
    ...accessContext(request, requestScopes(scope, request, IDENTITY_ACCESS)),
    database,
    loaders: createPersonLoaders(database),
    linkage: worker as LinkageService | undefined,
    scopeLookup: scope,
    facts: createControllerFacts(config, request, (kinds) => scope(request, kinds)),
    bundles: personBundles(database, request),
    reporting: {
      ask: reportingCalls(config, request),
      rules: config?.reporting.disclosure ?? DEFAULT_DISCLOSURE_RULES,
      snapshots: (worker as LinkageService | undefined)?.releaseSnapshots,
    },
    caseloadOwners: () =>
      'caseloadOwners' in scope
        ? (scope as IdentityScopeLookup).caseloadOwners(request)
        : Promise.resolve(null),
  };
}
