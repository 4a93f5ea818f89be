import { accessLogResolver } from '../../lib/audit/access-log';
import { reportingKeysResolver } from '../../lib/reporting/reporting-keys.resolver';
import { releaseFactsResolver } from '../../lib/reporting/release-facts.resolver';
import { VCS_MEASURES } from './reporting/support-cohort';
import { SupportCohortResolver } from './reporting/support-cohort.resolver';
import { SupportRecord } from './support-record/support-record.entity';
import { VCS_ACCESS } from './access';
import type { AccessPolicy } from '../../lib/access/policy';
import { buildFederatedSchema } from '../../lib/federation';
import { EmployerResolver } from './employer/employer.resolver';
import { VacancyResolver } from './employer/vacancy.resolver';
import { OrganisationResolver } from './organisation/organisation.resolver';
import { PersonFactsResolver } from './person-facts/person-facts.resolver';
import { SupportOutcomeResolver } from './outcome/support-outcome.resolver';
import { ReadinessResolver } from './readiness/readiness.resolver';
import { ReferralResolver } from './referral/referral.resolver';
import { CharityCaseloadResolver } from './support-record/charity-caseload.resolver';
import { SupportRecordIdentityFeedResolver } from './support-record/support-record-identity-feed.resolver';
import {
  SupportRecordResolver,
  supportRecordReference,
} from './support-record/support-record.resolver';

export function buildVcsSchema(access: AccessPolicy = VCS_ACCESS) {
  return buildFederatedSchema(
    {
      resolvers: [
        reportingKeysResolver(['VCS_SUPPORT_RECORD']),
        releaseFactsResolver(VCS_MEASURES),
        SupportCohortResolver,
        accessLogResolver(SupportRecord, 'SupportRecord', (row) => row.id),
        SupportRecordResolver,
        SupportRecordIdentityFeedResolver,
        CharityCaseloadResolver,
        PersonFactsResolver,
        OrganisationResolver,
        ReferralResolver,
        ReadinessResolver,
        SupportOutcomeResolver,
        EmployerResolver,
        VacancyResolver,
      ],
    },
    { ...supportRecordReference },
    access,
  );
}
