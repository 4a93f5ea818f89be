import { type DataSource, In } from 'typeorm';
import { rowByKey } from '../../../lib/loaders';
import { Employer } from './employer.entity';

export function createEmployerLoaders(database: DataSource) {
  const employers = database.getRepository(Employer);
  return {
    employerById: rowByKey(
      (ids: string[]) => employers.findBy({ id: In(ids) }),
      (employer) => employer.id,
    ),
  };
}
