import type { DataSource } from 'typeorm';
import { createClaimantLoaders } from './claimant/claimant.loaders';

export interface DwpContext {
  loaders: ReturnType<typeof createClaimantLoaders>;
}

export function createContext(database: DataSource): DwpContext {
  return { loaders: createClaimantLoaders(database) };
}
