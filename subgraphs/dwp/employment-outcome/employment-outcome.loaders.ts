import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { EmploymentOutcome } from './employment-outcome.entity';

export function createEmploymentOutcomeLoaders(database: DataSource) {
  const outcomes = database.getRepository(EmploymentOutcome);
  return {
    employmentOutcomesByNino: rowsByKey(
      (ninos: string[]) =>
        outcomes.find({ where: { nino: In(ninos) }, order: { jobStartDate: 'ASC', id: 'ASC' } }),
      (outcome) => outcome.nino,
    ),
  };
}
