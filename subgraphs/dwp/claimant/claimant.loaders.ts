import { type DataSource, In } from 'typeorm';
import { rowByKey } from '../../../lib/loaders';
import { Claimant } from './claimant.entity';

export function createClaimantLoaders(database: DataSource) {
  const claimants = database.getRepository(Claimant);
  return {
    claimantByNino: rowByKey(
      (ninos: string[]) => claimants.findBy({ nino: In(ninos) }),
      (claimant) => claimant.nino,
    ),
  };
}
