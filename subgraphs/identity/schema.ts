import { CohortOutcomesResolver } from './reporting/cohort-outcomes.resolver';
import { accessLogResolver } from '../../lib/audit/access-log';
import { Person } from './person/person.entity';
import { IDENTITY_ACCESS } from './access';
import type { AccessPolicy } from '../../lib/access/policy';
import { buildFederatedSchema } from '../../lib/federation';
import { AccessScopeResolver } from './access-scope/access-scope.resolver';
import {
  ClaimantPersonResolver,
  PrisonerPersonResolver,
  ProbationCasePersonResolver,
  SupportRecordPersonResolver,
  linkedRecordReferences,
} from './person/linked-records';
import { PersonResolver, personReference } from './person/person.resolver';
import { ReviewQueueResolver } from './review/review.resolver';
import { PersonSearchResolver } from './search/person-search.resolver';
import { CaseloadEntryResolver, CaseloadResolver } from './caseload/caseload.resolver';
import {
  PersonReadinessResolver,
  WorkReadinessResolver,
} from './readiness/work-readiness.resolver';
import { PersonTimelineResolver } from './timeline/timeline.resolver';

export function buildIdentitySchema(access: AccessPolicy = IDENTITY_ACCESS) {
  return buildFederatedSchema(
    {
      resolvers: [
        accessLogResolver(Person, 'Person', (row) => row.id),
        PersonResolver,
        CohortOutcomesResolver,
        ClaimantPersonResolver,
        PrisonerPersonResolver,
        ProbationCasePersonResolver,
        SupportRecordPersonResolver,
        ReviewQueueResolver,
        PersonSearchResolver,
        AccessScopeResolver,
        PersonReadinessResolver,
        WorkReadinessResolver,
        PersonTimelineResolver,
        CaseloadResolver,
        CaseloadEntryResolver,
      ],
    },
    { ...personReference, ...linkedRecordReferences },
    access,
  );
}
