import { AuditKeyHead1733500000000 } from '../../lib/audit/key-head.migration';
import { AUDIT_ENTITIES } from '../../lib/audit/audit-entry.entity';
import type { SubgraphSettings } from '../../lib/config';
import { createDataSource } from '../../lib/database';
import { CreatePersonAndLinks1732300000000 } from './migrations/1732300000000-create-person-and-links';
import { PersonDateOfBirthOptional1732400000000 } from './migrations/1732400000000-person-date-of-birth-optional';
import { Linkage1732600000000 } from './migrations/1732600000000-linkage';
import { Audit1732700000000 } from './migrations/1732700000000-audit';
import { AccessRestriction1732800000000 } from './migrations/1732800000000-access-restriction';
import { LinkGeneration1733000000000 } from './migrations/1733000000000-link-generation';
import { RestrictionGeneration1733600000000 } from './migrations/1733600000000-restriction-generation';
import { AccessRestriction } from './access-scope/access-restriction.entity';
import { PersonLink } from './person/person-link.entity';
import { Person } from './person/person.entity';
import { LinkageState } from './records/linkage-state.entity';
import { StoredSourceRecord } from './records/source-record.entity';
import { LinkReview } from './review/link-review.entity';
import { StewardDecisionRecord } from './review/steward-decision.entity';

export function createIdentityDatabase(settings: SubgraphSettings) {
  return createDataSource(
    {
      entities: [
        Person,
        PersonLink,
        StoredSourceRecord,
        LinkReview,
        StewardDecisionRecord,
        LinkageState,
        AccessRestriction,
        ...AUDIT_ENTITIES,
      ],
      migrations: [
        CreatePersonAndLinks1732300000000,
        PersonDateOfBirthOptional1732400000000,
        Linkage1732600000000,
        Audit1732700000000,
        AccessRestriction1732800000000,
        LinkGeneration1733000000000,
        AuditKeyHead1733500000000,
        RestrictionGeneration1733600000000,
      ],
    },
    settings,
  );
}
