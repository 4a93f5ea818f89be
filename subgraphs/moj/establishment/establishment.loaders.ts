import { type DataSource, In } from 'typeorm';
import { rowByKey } from '../../../lib/loaders';
import { Establishment } from './establishment.entity';

export function createEstablishmentLoaders(database: DataSource) {
  const establishments = database.getRepository(Establishment);
  return {
    establishmentByCode: rowByKey(
      (codes: string[]) => establishments.findBy({ code: In(codes) }),
      (establishment) => establishment.code,
    ),
  };
}
