import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { PrisonWorkPlacement } from './prison-work-placement.entity';

export function createPrisonWorkLoaders(database: DataSource) {
  const placements = database.getRepository(PrisonWorkPlacement);
  return {
    workPlacementsByCustodyPeriod: rowsByKey(
      (ids: string[]) =>
        placements.find({
          where: { custodyPeriodId: In(ids) },
          order: { startDate: 'ASC', id: 'ASC' },
        }),
      (placement) => placement.custodyPeriodId,
    ),
  };
}
