import { type DataSource, In } from 'typeorm';
import { rowByKey } from '../../../lib/loaders';
import { Prisoner } from './prisoner.entity';

export function createPrisonerLoaders(database: DataSource) {
  const prisoners = database.getRepository(Prisoner);
  return {
    prisonerByNumber: rowByKey(
      (numbers: string[]) => prisoners.findBy({ prisonNumber: In(numbers) }),
      (prisoner) => prisoner.prisonNumber,
    ),
  };
}
