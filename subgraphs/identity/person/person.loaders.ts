import { type DataSource, In } from 'typeorm';
import { rowByKey, rowsByKey } from '../../../lib/loaders';
import { PersonLink } from './person-link.entity';
import { Person } from './person.entity';

export function createPersonLoaders(database: DataSource) {
  const people = database.getRepository(Person);
  const links = database.getRepository(PersonLink);
  return {
    personById: rowByKey(
      (ids: string[]) => people.findBy({ id: In(ids) }),
      (person) => person.id,
    ),
    linksByPersonId: rowsByKey(
      (ids: string[]) => links.find({ where: { personId: In(ids) }, order: { id: 'ASC' } }),
      (link) => link.personId,
    ),
  };
}
