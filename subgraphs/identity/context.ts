import { type AccessContext, accessContext } from '../../lib/access/policy';
import type { RequestContext } from '../../lib/auth/roles';
import type { DataSource } from 'typeorm';
import { type ScopeLookup, requestScopes } from '../../lib/access/scope';
import type { ContextServices } from '../../lib/subgraph-server';
import { IDENTITY_ACCESS } from './access';
import type { LinkageService } from './linking/linkage-service';
import { createPersonLoaders } from './person/person.loaders';
import type { IdentityScopeLookup } from './access-scope/scope-lookup';
import type { PersonLink } from './person/person-link.entity';
import { type ControllerFacts, createControllerFacts } from './person-view/controller-facts';

export interface IdentityContext extends AccessContext {
  database: DataSource;
  loaders: ReturnType<typeof createPersonLoaders>;
  /** Absent in tests that serve the schema without pulling feeds. */
  linkage?: LinkageService;
  /** Works out any request's scope: the answer identity gives the controllers. */
  scopeLookup: ScopeLookup;
  /** What the controllers hold about the people this request reaches, asked in batches. */
  facts: ControllerFacts;
  /** A coordinator's: every link of everyone on their charity's caseload; null for others. */
  caseloadLinks(): Promise<PersonLink[] | null>;
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
    facts: createControllerFacts(config, request),
    caseloadLinks: () =>
      'caseloadLinks' in scope
        ? (scope as IdentityScopeLookup).caseloadLinks(request)
        : Promise.resolve(null),
  };
}
