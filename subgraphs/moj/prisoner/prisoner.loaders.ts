import { type DataSource, In } from 'typeorm';
import { rowByKey, rowsByKey } from '../../../lib/loaders';
import { PrisonerAlias } from './prisoner-alias.entity';
import { Prisoner } from './prisoner.entity';

export function createPrisonerLoaders(database: DataSource) {
  const prisoners = database.getRepository(Prisoner);
  const aliases = database.getRepository(PrisonerAlias);
  return {
    prisonerByNumber: rowByKey(
      (numbers: string[]) => prisoners.findBy({ prisonNumber: In(numbers) }),
      (prisoner) => prisoner.prisonNumber,
    ),
    aliasesByPrisonNumber: rowsByKey(
      (numbers: string[]) =>
        aliases.find({
          where: { prisonNumber: In(numbers) },
          order: { familyName: 'ASC', givenName: 'ASC', id: 'ASC' },
        }),
      (alias) => alias.prisonNumber,
    ),
  };
}
