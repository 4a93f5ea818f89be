import { AuditKeyHead1733500000000 } from '../../lib/audit/key-head.migration';
import { AUDIT_ENTITIES } from '../../lib/audit/audit-entry.entity';
import { ReportingKey } from '../../lib/reporting/reporting-key.entity';
import { ReportingKeys1733200000000 } from '../../lib/reporting/reporting-key.migration';
import {
  releaseCubeMigration,
  releaseFactMigration,
} from '../../lib/reporting/release-fact.migration';
import { DWP_MEASURES } from './reporting/claimant-cohort';
import type { SubgraphSettings } from '../../lib/config';
import { createDataSource } from '../../lib/database';
import { UpdatedAtSubscriber } from '../../lib/updated-at';
import { JobcentreAppointment } from './appointment/appointment.entity';
import { BenefitClaim } from './benefit-claim/benefit-claim.entity';
import { Claimant } from './claimant/claimant.entity';
import { EmploymentOutcome } from './employment-outcome/employment-outcome.entity';
import { CreateClaimant1732300000000 } from './migrations/1732300000000-create-claimant';
import { CreateWorkCoaches1732400000000 } from './migrations/1732400000000-create-work-coaches';
import { CreateBenefitClaims1732400000001 } from './migrations/1732400000001-create-benefit-claims';
import { CreateJobcentreAppointments1732400000002 } from './migrations/1732400000002-create-jobcentre-appointments';
import { CreateProgrammeReferrals1732400000003 } from './migrations/1732400000003-create-programme-referrals';
import { CreateEmploymentOutcomes1732400000004 } from './migrations/1732400000004-create-employment-outcomes';
import { AddClaimantUpdatedAt1732500000000 } from './migrations/1732500000000-add-claimant-updated-at';
import { Audit1732700000000 } from './migrations/1732700000000-audit';
import { ProgrammeReferral } from './programme-referral/programme-referral.entity';
import { WorkCoach } from './work-coach/work-coach.entity';

export function createDwpDatabase(settings: SubgraphSettings) {
  return createDataSource(
    {
      entities: [
        Claimant,
        WorkCoach,
        BenefitClaim,
        JobcentreAppointment,
        ProgrammeReferral,
        EmploymentOutcome,
        ...AUDIT_ENTITIES,
        ReportingKey,
      ],
      migrations: [
        CreateClaimant1732300000000,
        CreateWorkCoaches1732400000000,
        CreateBenefitClaims1732400000001,
        CreateJobcentreAppointments1732400000002,
        CreateProgrammeReferrals1732400000003,
        CreateEmploymentOutcomes1732400000004,
        AddClaimantUpdatedAt1732500000000,
        Audit1732700000000,
        ReportingKeys1733200000000,
        releaseFactMigration(DWP_MEASURES),
        releaseCubeMigration(DWP_MEASURES),
        AuditKeyHead1733500000000,
      ],
      subscribers: [UpdatedAtSubscriber],
    },
    settings,
  );
}
