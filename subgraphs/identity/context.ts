import type { DataSource } from 'typeorm';
import { createPersonLoaders } from './person/person.loaders';

export interface IdentityContext {
  loaders: ReturnType<typeof createPersonLoaders>;
}

export function createContext(database: DataSource): IdentityContext {
  return { loaders: createPersonLoaders(database) };
}
