import { accessLogResolver } from '../../lib/audit/access-log';
import { reportingKeysResolver } from '../../lib/reporting/reporting-keys.resolver';
import { releaseFactsResolver } from '../../lib/reporting/release-facts.resolver';
import { DWP_MEASURES } from './reporting/claimant-cohort';
import { ClaimantCohortResolver } from './reporting/claimant-cohort.resolver';
import { Claimant } from './claimant/claimant.entity';
import { DWP_ACCESS } from './access';
import type { AccessPolicy } from '../../lib/access/policy';
import { buildFederatedSchema } from '../../lib/federation';
import { ClaimantAppointmentsResolver } from './appointment/appointment.resolver';
import {
  BenefitClaimResolver,
  ClaimantBenefitClaimsResolver,
} from './benefit-claim/benefit-claim.resolver';
import { ClaimantIdentityFeedResolver } from './claimant/claimant-identity-feed.resolver';
import { ClaimantResolver, claimantReference } from './claimant/claimant.resolver';
import {
  ClaimantEmploymentOutcomesResolver,
  EmploymentOutcomeResolver,
} from './employment-outcome/employment-outcome.resolver';
import { PersonFactsResolver } from './person-facts/person-facts.resolver';
import { ClaimantProgrammeReferralsResolver } from './programme-referral/programme-referral.resolver';
import { ClaimantWorkCoachResolver, WorkCoachResolver } from './work-coach/work-coach.resolver';

export function buildDwpSchema(access: AccessPolicy = DWP_ACCESS) {
  return buildFederatedSchema(
    {
      resolvers: [
        reportingKeysResolver(['DWP_CLAIMANT']),
        releaseFactsResolver(DWP_MEASURES),
        ClaimantCohortResolver,
        accessLogResolver(Claimant, 'Claimant', (row) => row.nino),
        ClaimantResolver,
        ClaimantIdentityFeedResolver,
        PersonFactsResolver,
        WorkCoachResolver,
        ClaimantWorkCoachResolver,
        BenefitClaimResolver,
        ClaimantBenefitClaimsResolver,
        ClaimantAppointmentsResolver,
        ClaimantProgrammeReferralsResolver,
        EmploymentOutcomeResolver,
        ClaimantEmploymentOutcomesResolver,
      ],
    },
    { ...claimantReference },
    access,
  );
}
