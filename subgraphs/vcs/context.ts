import type { DataSource } from 'typeorm';
import { createSupportRecordLoaders } from './support/support-record.loaders';

export interface VcsContext {
  loaders: ReturnType<typeof createSupportRecordLoaders>;
}

export function createContext(database: DataSource): VcsContext {
  return { loaders: createSupportRecordLoaders(database) };
}
