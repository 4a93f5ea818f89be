import type { SubgraphSettings } from '../../lib/config';
import { createDataSource } from '../../lib/database';
import { CreatePrisonerAndProbationCase1732300000000 } from './migrations/1732300000000-create-prisoner-and-probation-case';
import { Prisoner } from './prisoner/prisoner.entity';
import { ProbationCase } from './probation/probation-case.entity';

export function createMojDatabase(settings: SubgraphSettings) {
  return createDataSource(
    {
      entities: [Prisoner, ProbationCase],
      migrations: [CreatePrisonerAndProbationCase1732300000000],
    },
    settings,
  );
}
