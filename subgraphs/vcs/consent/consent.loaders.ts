import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { Consent } from './consent.entity';

export function createConsentLoaders(database: DataSource) {
  const rows = database.getRepository(Consent);
  return {
    /** Oldest first. */
    consentsBySupportRecord: rowsByKey(
      (ids: string[]) =>
        rows.find({ where: { supportRecordId: In(ids) }, order: { givenOn: 'ASC', id: 'ASC' } }),
      (row) => row.supportRecordId,
    ),
  };
}
