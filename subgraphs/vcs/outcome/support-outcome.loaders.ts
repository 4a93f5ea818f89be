import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { SupportOutcome } from './support-outcome.entity';

export function createSupportOutcomeLoaders(database: DataSource) {
  const rows = database.getRepository(SupportOutcome);
  return {
    /** Oldest first. */
    outcomesBySupportRecord: rowsByKey(
      (ids: string[]) =>
        rows.find({ where: { supportRecordId: In(ids) }, order: { date: 'ASC', id: 'ASC' } }),
      (row) => row.supportRecordId,
    ),
  };
}
