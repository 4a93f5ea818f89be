import { type DataSource, In } from 'typeorm';
import { rowByKey } from '../../../lib/loaders';
import { SupportRecord } from './support-record.entity';

export function createSupportRecordLoaders(database: DataSource) {
  const records = database.getRepository(SupportRecord);
  return {
    supportRecordById: rowByKey(
      (ids: string[]) => records.findBy({ id: In(ids) }),
      (record) => record.id,
    ),
  };
}
