import { buildFederatedSchema } from '../../lib/federation';
import { PersonResolver, personReference } from './person/person.resolver';
import { ReviewQueueResolver } from './review/review.resolver';
import { PersonSearchResolver } from './search/person-search.resolver';

export function buildIdentitySchema() {
  return buildFederatedSchema(
    { resolvers: [PersonResolver, ReviewQueueResolver, PersonSearchResolver] },
    { ...personReference },
  );
}
