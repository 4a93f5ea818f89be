import { type DataSource, In } from 'typeorm';
import { rowByKey, rowsByKey } from '../../../lib/loaders';
import type DataLoader from 'dataloader';
import { LinkedRecordKind, PersonLink } from './person-link.entity';
import { Person } from './person.entity';

export function createPersonLoaders(database: DataSource) {
  const people = database.getRepository(Person);
  const links = database.getRepository(PersonLink);
  return {
    personById: rowByKey(
      (ids: string[]) => people.findBy({ id: In(ids) }),
      (person) => person.id,
    ),
    /** The person each record of one kind belongs to, by record id. */
    personIdByRecord: Object.fromEntries(
      Object.values(LinkedRecordKind).map((kind) => [
        kind,
        rowByKey(
          (ids: string[]) => links.findBy({ recordKind: kind, recordId: In(ids) }),
          (link) => link.recordId,
        ),
      ]),
    ) as Record<LinkedRecordKind, DataLoader<string, PersonLink | null>>,
    linksByPersonId: rowsByKey(
      (ids: string[]) => links.find({ where: { personId: In(ids) }, order: { id: 'ASC' } }),
      (link) => link.personId,
    ),
  };
}
