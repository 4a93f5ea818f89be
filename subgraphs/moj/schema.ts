import { buildFederatedSchema } from '../../lib/federation';
import { PrisonerResolver, prisonerReference } from './prisoner/prisoner.resolver';
import { ProbationCaseResolver, probationCaseReference } from './probation/probation-case.resolver';

export function buildMojSchema() {
  return buildFederatedSchema(
    { resolvers: [PrisonerResolver, ProbationCaseResolver] },
    { ...prisonerReference, ...probationCaseReference },
  );
}
