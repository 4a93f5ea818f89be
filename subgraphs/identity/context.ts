import { type AccessContext, accessContext } from '../../lib/access/policy';
import type { RequestContext } from '../../lib/auth/roles';
import type { DataSource } from 'typeorm';
import type { BackgroundWorker } from '../../lib/subgraph-server';
import type { LinkageService } from './linking/linkage-service';
import { createPersonLoaders } from './person/person.loaders';

export interface IdentityContext extends AccessContext {
  database: DataSource;
  loaders: ReturnType<typeof createPersonLoaders>;
  /** Absent in tests that serve the schema without pulling feeds. */
  linkage?: LinkageService;
}

export function createContext(
  database: DataSource,
  request: RequestContext,
  worker?: BackgroundWorker,
): IdentityContext {
  return {
    ...accessContext(request),
    database,
    loaders: createPersonLoaders(database),
    linkage: worker as LinkageService | undefined,
  };
}
