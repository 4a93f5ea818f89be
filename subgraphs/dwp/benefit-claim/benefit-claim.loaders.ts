import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { BenefitClaim } from './benefit-claim.entity';

export function createBenefitClaimLoaders(database: DataSource) {
  const claims = database.getRepository(BenefitClaim);
  return {
    benefitClaimsByNino: rowsByKey(
      (ninos: string[]) =>
        claims.find({ where: { nino: In(ninos) }, order: { claimDate: 'ASC', id: 'ASC' } }),
      (claim) => claim.nino,
    ),
  };
}
