import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { LicenceCondition } from './licence-condition.entity';

export function createLicenceConditionLoaders(database: DataSource) {
  const conditions = database.getRepository(LicenceCondition);
  return {
    licenceConditionsByCrn: rowsByKey(
      (crns: string[]) =>
        conditions.find({ where: { crn: In(crns) }, order: { startDate: 'ASC', id: 'ASC' } }),
      (condition) => condition.crn,
    ),
  };
}
