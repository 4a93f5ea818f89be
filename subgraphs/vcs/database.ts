import { AuditKeyHead1733500000000 } from '../../lib/audit/key-head.migration';
import { AUDIT_ENTITIES } from '../../lib/audit/audit-entry.entity';
import { ReportingKey } from '../../lib/reporting/reporting-key.entity';
import { ReportingKeys1733200000000 } from '../../lib/reporting/reporting-key.migration';
import {
  releaseCubeMigration,
  releaseFactMigration,
} from '../../lib/reporting/release-fact.migration';
import { VCS_MEASURES } from './reporting/support-cohort';
import type { SubgraphSettings } from '../../lib/config';
import { createDataSource } from '../../lib/database';
import { UpdatedAtSubscriber } from '../../lib/updated-at';
import { Consent } from './consent/consent.entity';
import { Employer } from './employer/employer.entity';
import { Vacancy } from './employer/vacancy.entity';
import { Engagement } from './engagement/engagement.entity';
import { CreateSupportRecord1732300000000 } from './migrations/1732300000000-create-support-record';
import { ReshapeVcsModel1732400000000 } from './migrations/1732400000000-reshape-vcs-model';
import { AddSupportRecordUpdatedAt1732500000000 } from './migrations/1732500000000-add-support-record-updated-at';
import { Audit1732700000000 } from './migrations/1732700000000-audit';
import { ReadinessRecord1732900000000 } from './migrations/1732900000000-readiness-record';
import { ConsentScopeIndex1733100000000 } from './migrations/1733100000000-consent-scope-index';
import { CaseloadGeneration1733400000000 } from './migrations/1733400000000-caseload-generation';
import { CharityService } from './organisation/charity-service.entity';
import { Organisation } from './organisation/organisation.entity';
import { SupportOutcome } from './outcome/support-outcome.entity';
import { ReadinessRecord } from './readiness/readiness.entity';
import { Referral } from './referral/referral.entity';
import { SupportRecord } from './support-record/support-record.entity';

export function createVcsDatabase(settings: SubgraphSettings) {
  return createDataSource(
    {
      entities: [
        Organisation,
        CharityService,
        SupportRecord,
        Referral,
        Engagement,
        SupportOutcome,
        Consent,
        Employer,
        Vacancy,
        ReadinessRecord,
        ...AUDIT_ENTITIES,
        ReportingKey,
      ],
      migrations: [
        CreateSupportRecord1732300000000,
        ReshapeVcsModel1732400000000,
        AddSupportRecordUpdatedAt1732500000000,
        Audit1732700000000,
        ReadinessRecord1732900000000,
        ConsentScopeIndex1733100000000,
        ReportingKeys1733200000000,
        releaseFactMigration(VCS_MEASURES),
        releaseCubeMigration(VCS_MEASURES),
        CaseloadGeneration1733400000000,
        AuditKeyHead1733500000000,
      ],
      subscribers: [UpdatedAtSubscriber],
    },
    settings,
  );
}
