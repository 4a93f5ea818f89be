import { buildFederatedSchema } from '../../lib/federation';
import { CustodyPeriodResolver } from './custody/custody-period.resolver';
import { EducationResolver } from './education/education.resolver';
import { EstablishmentResolver } from './establishment/establishment.resolver';
import { LicenceConditionResolver } from './licence-condition/licence-condition.resolver';
import { PrisonWorkResolver } from './prison-work/prison-work.resolver';
import { PrisonerIdentityFeedResolver } from './prisoner/prisoner-identity-feed.resolver';
import { PrisonerResolver, prisonerReference } from './prisoner/prisoner.resolver';
import { ProbationCaseIdentityFeedResolver } from './probation/probation-case-identity-feed.resolver';
import { ProbationCaseResolver, probationCaseReference } from './probation/probation-case.resolver';
import { TemporaryLicenceResolver } from './temporary-licence/temporary-licence.resolver';

export function buildMojSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
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
      ],
    },
    { ...prisonerReference, ...probationCaseReference },
  );
}
