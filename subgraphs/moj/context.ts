import type { DataSource } from 'typeorm';
import { createPrisonerLoaders } from './prisoner/prisoner.loaders';
import { createProbationCaseLoaders } from './probation/probation-case.loaders';

export interface MojContext {
  loaders: ReturnType<typeof createPrisonerLoaders> & ReturnType<typeof createProbationCaseLoaders>;
}

export function createContext(database: DataSource): MojContext {
  return {
    loaders: { ...createPrisonerLoaders(database), ...createProbationCaseLoaders(database) },
  };
}
