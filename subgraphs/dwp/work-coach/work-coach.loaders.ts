import { type DataSource, In } from 'typeorm';
import { rowByKey } from '../../../lib/loaders';
import { WorkCoach } from './work-coach.entity';

export function createWorkCoachLoaders(database: DataSource) {
  const workCoaches = database.getRepository(WorkCoach);
  return {
    workCoachById: rowByKey(
      (ids: string[]) => workCoaches.findBy({ id: In(ids) }),
      (workCoach) => workCoach.id,
    ),
  };
}
