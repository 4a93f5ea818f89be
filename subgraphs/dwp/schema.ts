import { buildFederatedSchema } from '../../lib/federation';
import { ClaimantResolver, claimantReference } from './claimant/claimant.resolver';

export function buildDwpSchema() {
  return buildFederatedSchema({ resolvers: [ClaimantResolver] }, { ...claimantReference });
}
