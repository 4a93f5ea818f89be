import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { ProgrammeReferral } from './programme-referral.entity';

export function createProgrammeReferralLoaders(database: DataSource) {
  const referrals = database.getRepository(ProgrammeReferral);
  return {
    programmeReferralsByNino: rowsByKey(
      (ninos: string[]) =>
        referrals.find({ where: { nino: In(ninos) }, order: { referredOn: 'ASC', id: 'ASC' } }),
      (referral) => referral.nino,
    ),
  };
}
