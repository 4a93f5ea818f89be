import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { Referral } from './referral.entity';

export function createReferralLoaders(database: DataSource) {
  const rows = database.getRepository(Referral);
  return {
    /** Oldest first. */
    referralsBySupportRecord: rowsByKey(
      (ids: string[]) =>
        rows.find({ where: { supportRecordId: In(ids) }, order: { referredOn: 'ASC', id: 'ASC' } }),
      (row) => row.supportRecordId,
    ),
  };
}
