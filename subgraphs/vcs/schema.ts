import { buildFederatedSchema } from '../../lib/federation';
import { SupportRecordResolver, supportRecordReference } from './support/support-record.resolver';

export function buildVcsSchema() {
  return buildFederatedSchema(
    { resolvers: [SupportRecordResolver] },
    { ...supportRecordReference },
  );
}
