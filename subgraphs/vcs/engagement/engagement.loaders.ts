import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { Engagement } from './engagement.entity';

export function createEngagementLoaders(database: DataSource) {
  const rows = database.getRepository(Engagement);
  return {
    /** Oldest first. */
    engagementsBySupportRecord: rowsByKey(
      (ids: string[]) =>
        rows.find({ where: { supportRecordId: In(ids) }, order: { date: 'ASC', id: 'ASC' } }),
      (row) => row.supportRecordId,
    ),
  };
}
