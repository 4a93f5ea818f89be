import type { SubgraphSettings } from '../../lib/config';
import { createDataSource } from '../../lib/database';
import { CreatePersonAndLinks1732300000000 } from './migrations/1732300000000-create-person-and-links';
import { PersonDateOfBirthOptional1732400000000 } from './migrations/1732400000000-person-date-of-birth-optional';
import { PersonLink } from './person/person-link.entity';
import { Person } from './person/person.entity';

export function createIdentityDatabase(settings: SubgraphSettings) {
  return createDataSource(
    {
      entities: [Person, PersonLink],
      migrations: [CreatePersonAndLinks1732300000000, PersonDateOfBirthOptional1732400000000],
    },
    settings,
  );
}
