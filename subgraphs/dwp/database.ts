import type { SubgraphSettings } from '../../lib/config';
import { createDataSource } from '../../lib/database';
import { Claimant } from './claimant/claimant.entity';
import { CreateClaimant1732300000000 } from './migrations/1732300000000-create-claimant';

export function createDwpDatabase(settings: SubgraphSettings) {
  return createDataSource(
    { entities: [Claimant], migrations: [CreateClaimant1732300000000] },
    settings,
  );
}
