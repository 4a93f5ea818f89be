import { accessLogResolver } from '../../lib/audit/access-log';
import { reportingKeysResolver } from '../../lib/reporting/reporting-keys.resolver';
import { releaseFactsResolver } from '../../lib/reporting/release-facts.resolver';
import { MOJ_MEASURES } from './reporting/custody-cohort';
import { CustodyCohortResolver } from './reporting/custody-cohort.resolver';
import { Prisoner } from './prisoner/prisoner.entity';
import { ProbationCase } from './probation/probation-case.entity';
import { MOJ_ACCESS } from './access';
import type { AccessPolicy } from '../../lib/access/policy';
import { buildFederatedSchema } from '../../lib/federation';
import { CustodyPeriodResolver } from './custody/custody-period.resolver';
import { EducationResolver } from './education/education.resolver';
import { EstablishmentResolver } from './establishment/establishment.resolver';
import { LicenceConditionResolver } from './licence-condition/licence-condition.resolver';
import { PersonFactsResolver } from './person-facts/person-facts.resolver';
import { PrisonWorkResolver } from './prison-work/prison-work.resolver';
import { PrisonerIdentityFeedResolver } from './prisoner/prisoner-identity-feed.resolver';
import { PrisonerResolver, prisonerReference } from './prisoner/prisoner.resolver';
import { ProbationCaseIdentityFeedResolver } from './probation/probation-case-identity-feed.resolver';
import { ProbationCaseResolver, probationCaseReference } from './probation/probation-case.resolver';
import { TemporaryLicenceResolver } from './temporary-licence/temporary-licence.resolver';

export function buildMojSchema(access: AccessPolicy = MOJ_ACCESS) {
  return buildFederatedSchema(
    {
      resolvers: [
        reportingKeysResolver(['MOJ_PRISONER', 'MOJ_PROBATION_CASE']),
        releaseFactsResolver(MOJ_MEASURES),
        CustodyCohortResolver,
        accessLogResolver(Prisoner, 'Prisoner', (row) => row.prisonNumber),
        accessLogResolver(ProbationCase, 'ProbationCase', (row) => row.crn),
        PrisonerResolver,
        PrisonerIdentityFeedResolver,
        EstablishmentResolver,
        CustodyPeriodResolver,
        TemporaryLicenceResolver,
        PrisonWorkResolver,
        EducationResolver,
        ProbationCaseResolver,
        ProbationCaseIdentityFeedResolver,
        LicenceConditionResolver,
        PersonFactsResolver,
      ],
    },
    { ...prisonerReference, ...probationCaseReference },
    access,
  );
}
