import type { DataSource } from 'typeorm';
import { createClaimantLoaders } from './claimant/claimant.loaders';

export interface DwpContext {
  database: DataSource;
  loaders: ReturnType<typeof createClaimantLoaders>;
}

export function createContext(database: DataSource): DwpContext {
  return { database, loaders: createClaimantLoaders(database) };
}
