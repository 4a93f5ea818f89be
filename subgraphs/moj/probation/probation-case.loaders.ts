import { type DataSource, In } from 'typeorm';
import { rowByKey } from '../../../lib/loaders';
import { ProbationCase } from './probation-case.entity';

export function createProbationCaseLoaders(database: DataSource) {
  const cases = database.getRepository(ProbationCase);
  return {
    probationCaseByCrn: rowByKey(
      (crns: string[]) => cases.findBy({ crn: In(crns) }),
      (probationCase) => probationCase.crn,
    ),
  };
}
