import { accessLogResolver } from '../../lib/audit/access-log';
import { Person } from './person/person.entity';
import { IDENTITY_ACCESS } from './access';
import { buildFederatedSchema } from '../../lib/federation';
import { PersonResolver, personReference } from './person/person.resolver';
import { ReviewQueueResolver } from './review/review.resolver';
import { PersonSearchResolver } from './search/person-search.resolver';

export function buildIdentitySchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        accessLogResolver(Person, 'Person', (row) => row.id),
        PersonResolver,
        ReviewQueueResolver,
        PersonSearchResolver,
      ],
    },
    { ...personReference },
    IDENTITY_ACCESS,
  );
}
