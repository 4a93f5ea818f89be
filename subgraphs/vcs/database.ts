import type { SubgraphSettings } from '../../lib/config';
import { createDataSource } from '../../lib/database';
import { CreateSupportRecord1732300000000 } from './migrations/1732300000000-create-support-record';
import { SupportRecord } from './support/support-record.entity';

export function createVcsDatabase(settings: SubgraphSettings) {
  return createDataSource(
    { entities: [SupportRecord], migrations: [CreateSupportRecord1732300000000] },
    settings,
  );
}
