import { AuditKeyHead1733500000000 } from '../../lib/audit/key-head.migration';
import { AUDIT_ENTITIES } from '../../lib/audit/audit-entry.entity';
import { ReportingKey } from '../../lib/reporting/reporting-key.entity';
import { ReportingKeys1733200000000 } from '../../lib/reporting/reporting-key.migration';
import {
  releaseCubeMigration,
  releaseFactMigration,
} from '../../lib/reporting/release-fact.migration';
import { MOJ_MEASURES } from './reporting/custody-cohort';
import type { SubgraphSettings } from '../../lib/config';
import { createDataSource } from '../../lib/database';
import { UpdatedAtSubscriber } from '../../lib/updated-at';
import { CustodyPeriod } from './custody/custody-period.entity';
import { EducationCourse } from './education/education-course.entity';
import { Establishment } from './establishment/establishment.entity';
import { LicenceCondition } from './licence-condition/licence-condition.entity';
import { CreatePrisonerAndProbationCase1732300000000 } from './migrations/1732300000000-create-prisoner-and-probation-case';
import { ReshapePrisoner1732400000000 } from './migrations/1732400000000-reshape-prisoner';
import { CreateCustodyRecords1732400000001 } from './migrations/1732400000001-create-custody-records';
import { ExtendProbationCase1732400000002 } from './migrations/1732400000002-extend-probation-case';
import { AddUpdatedAt1732500000000 } from './migrations/1732500000000-add-updated-at';
import { Audit1732700000000 } from './migrations/1732700000000-audit';
import { Resettlement1733000000000 } from './migrations/1733000000000-resettlement';
import { LatestCustodyIndex1733100000000 } from './migrations/1733100000000-latest-custody-index';
import { ReleaseDateIndex1733200000001 } from './migrations/1733200000001-release-date-index';
import { PrisonWorkPlacement } from './prison-work/prison-work-placement.entity';
import { PrisonerAlias } from './prisoner/prisoner-alias.entity';
import { Prisoner } from './prisoner/prisoner.entity';
import { ProbationCase } from './probation/probation-case.entity';
import { ResettlementItem } from './resettlement/resettlement-item.entity';
import { WorkReadiness } from './resettlement/work-readiness.entity';
import { ReleaseOnTemporaryLicence } from './temporary-licence/release-on-temporary-licence.entity';

export function createMojDatabase(settings: SubgraphSettings) {
  return createDataSource(
    {
      entities: [
        Prisoner,
        PrisonerAlias,
        Establishment,
        CustodyPeriod,
        ReleaseOnTemporaryLicence,
        PrisonWorkPlacement,
        EducationCourse,
        ProbationCase,
        LicenceCondition,
        ResettlementItem,
        WorkReadiness,
        ...AUDIT_ENTITIES,
        ReportingKey,
      ],
      migrations: [
        CreatePrisonerAndProbationCase1732300000000,
        ReshapePrisoner1732400000000,
        CreateCustodyRecords1732400000001,
        ExtendProbationCase1732400000002,
        AddUpdatedAt1732500000000,
        Audit1732700000000,
        Resettlement1733000000000,
        LatestCustodyIndex1733100000000,
        ReportingKeys1733200000000,
        ReleaseDateIndex1733200000001,
        releaseFactMigration(MOJ_MEASURES),
        releaseCubeMigration(MOJ_MEASURES),
        AuditKeyHead1733500000000,
      ],
      subscribers: [UpdatedAtSubscriber],
    },
    settings,
  );
}
