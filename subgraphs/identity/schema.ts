import { buildFederatedSchema } from '../../lib/federation';
import { PersonResolver, personReference } from './person/person.resolver';

export function buildIdentitySchema() {
  return buildFederatedSchema({ resolvers: [PersonResolver] }, { ...personReference });
}
