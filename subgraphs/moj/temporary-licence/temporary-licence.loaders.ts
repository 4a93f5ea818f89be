import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { ReleaseOnTemporaryLicence } from './release-on-temporary-licence.entity';

export function createTemporaryLicenceLoaders(database: DataSource) {
  const licences = database.getRepository(ReleaseOnTemporaryLicence);
  return {
    temporaryLicencesByCustodyPeriod: rowsByKey(
      (ids: string[]) =>
        licences.find({
          where: { custodyPeriodId: In(ids) },
          order: { startDate: 'ASC', id: 'ASC' },
        }),
      (licence) => licence.custodyPeriodId,
    ),
  };
}
