import type { DataSource } from 'typeorm';
import type { BackgroundWorker } from '../../lib/subgraph-server';
import type { LinkageService } from './linking/linkage-service';
import { createPersonLoaders } from './person/person.loaders';

export interface IdentityContext {
  database: DataSource;
  loaders: ReturnType<typeof createPersonLoaders>;
  /** Absent in tests that serve the schema without pulling feeds. */
  linkage?: LinkageService;
  /** Who is asking; unset until sign-in (issue 6). */
  actor?: string;
}

export function createContext(database: DataSource, worker?: BackgroundWorker): IdentityContext {
  return {
    database,
    loaders: createPersonLoaders(database),
    linkage: worker as LinkageService | undefined,
  };
}
