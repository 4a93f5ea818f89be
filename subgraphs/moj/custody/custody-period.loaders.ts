import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { CustodyPeriod } from './custody-period.entity';

export function createCustodyPeriodLoaders(database: DataSource) {
  const periods = database.getRepository(CustodyPeriod);
  return {
    /** Each prisoner's custody periods, newest reception first. */
    custodyPeriodsByPrisonNumber: rowsByKey(
      (numbers: string[]) =>
        periods.find({
          where: { prisonNumber: In(numbers) },
          order: { receptionDate: 'DESC', id: 'DESC' },
        }),
      (period) => period.prisonNumber,
    ),
  };
}
