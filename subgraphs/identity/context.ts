import { type AccessContext, accessContext } from '../../lib/access/policy';
import type { RequestContext } from '../../lib/auth/roles';
import type { DataSource } from 'typeorm';
import { type ScopeLookup, requestScopes } from '../../lib/access/scope';
import type { ContextServices } from '../../lib/subgraph-server';
import { IDENTITY_ACCESS } from './access';
import type { LinkageService } from './linking/linkage-service';
import { createPersonLoaders } from './person/person.loaders';

export interface IdentityContext extends AccessContext {
  database: DataSource;
  loaders: ReturnType<typeof createPersonLoaders>;
  /** Absent in tests that serve the schema without pulling feeds. */
  linkage?: LinkageService;
  /** Works out any request's scope: the answer identity gives the controllers. */
  scopeLookup: ScopeLookup;
}

export function createContext(
  database: DataSource,
  request: RequestContext,
  { worker, scope }: ContextServices,
): IdentityContext {
  return {
    ...accessContext(request, requestScopes(scope, request, IDENTITY_ACCESS)),
    database,
    loaders: createPersonLoaders(database),
    linkage: worker as LinkageService | undefined,
    scopeLookup: scope,
  };
}
