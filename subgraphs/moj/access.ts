import {
  REPORTING_SERVICE,
  IDENTITY_SERVICE,
  ADVISER,
  CASEWORK,
  IDENTIFYING,
  LINKAGE,
  OFFICIAL_IDENTIFIERS,
  SUBJECT_ACCESS,
  each,
} from '../../lib/access/grants';
import { type AccessContext, type AccessPolicy, typeAccess } from '../../lib/access/policy';
import { RecordKind } from '../../lib/access/scope';
import { Role } from '../../lib/auth/roles';

const byId = (row: { id: string }) => row.id;
/** Rows of a prisoner's or a probation case's record are in scope with the person. */
const prisoners = {
  kind: RecordKind.MOJ_PRISONER,
  record: (row: { prisonNumber: string }) => row.prisonNumber,
};
const probationCases = {
  kind: RecordKind.MOJ_PROBATION_CASE,
  record: (row: { crn: string }) => row.crn,
};

/**
 * Who may read what HMPPS holds about a prisoner or a person on probation. Offence category and
 * risk level are for no casework role; establishments are reference data.
 */
export const MOJ_ACCESS: AccessPolicy = {
  roots: {
    putReportingKeys: [IDENTITY_SERVICE],
    pruneReportingKeys: [IDENTITY_SERVICE],
    releaseCohort: [REPORTING_SERVICE],
    custodyCohortCounts: [REPORTING_SERVICE],
    putReleaseFacts: [REPORTING_SERVICE],
    pruneReleaseFacts: [REPORTING_SERVICE],
    summariseReleaseFacts: [REPORTING_SERVICE],
    releaseFactCounts: [REPORTING_SERVICE],
    releasePeriod: [REPORTING_SERVICE],
    prisonerIdentityFeed: [IDENTITY_SERVICE],
    probationCaseIdentityFeed: [IDENTITY_SERVICE],
    prisonReadiness: [IDENTITY_SERVICE],
    probationReadiness: [IDENTITY_SERVICE],
    custodyReleases: [IDENTITY_SERVICE],
    prisonTimeline: [IDENTITY_SERVICE],
    prisoner: IDENTIFYING,
    prisoners: [LINKAGE, SUBJECT_ACCESS],
    probationCase: IDENTIFYING,
    probationCases: [LINKAGE, SUBJECT_ACCESS],
    custodyPeriods: [SUBJECT_ACCESS],
  },
  types: {
    Prisoner: typeAccess({
      key: (row: { prisonNumber: string }) => row.prisonNumber,
      scope: prisoners,
      fields: {
        accessLog: [SUBJECT_ACCESS],
        ...each(['prisonNumber', 'givenName', 'familyName', 'dateOfBirth'], IDENTIFYING),
        ...each(['pncNumber', 'nino'], OFFICIAL_IDENTIFIERS),
        aliases: [LINKAGE, SUBJECT_ACCESS],
        ...each(['sex', 'custodyPeriods', 'latestCustodyPeriod'], CASEWORK),
      },
    }),
    PrisonerAlias: typeAccess<{ id: string; prisonNumber: string }>({
      key: byId,
      scope: prisoners,
      fields: each(
        ['id', 'prisonNumber', 'givenName', 'familyName', 'dateOfBirth'],
        [LINKAGE, SUBJECT_ACCESS],
      ),
    }),
    CustodyPeriod: typeAccess<{ id: string; prisonNumber: string }>({
      key: byId,
      scope: prisoners,
      fields: {
        ...each(
          [
            'id',
            'prisonNumber',
            'establishmentCode',
            'establishment',
            'receptionDate',
            'releaseDate',
            'expectedReleaseDate',
            'releaseType',
            'educationCourses',
            'workPlacements',
            'temporaryLicences',
          ],
          CASEWORK,
        ),
        sentenceBand: [ADVISER, SUBJECT_ACCESS],
        offenceCategory: [SUBJECT_ACCESS],
      },
    }),
    EducationCourse: typeAccess({
      key: byId,
      fields: each(
        ['id', 'custodyPeriodId', 'subject', 'level', 'startDate', 'endDate', 'achieved'],
        CASEWORK,
      ),
    }),
    PrisonWorkPlacement: typeAccess({
      key: byId,
      fields: each(
        ['id', 'custodyPeriodId', 'activity', 'role', 'payBand', 'startDate', 'endDate'],
        CASEWORK,
      ),
    }),
    ReleaseOnTemporaryLicence: typeAccess({
      key: byId,
      fields: each(
        ['id', 'custodyPeriodId', 'purpose', 'employerName', 'startDate', 'endDate', 'paid'],
        CASEWORK,
      ),
    }),
    ProbationCase: typeAccess({
      key: (row: { crn: string }) => row.crn,
      scope: probationCases,
      fields: {
        accessLog: [SUBJECT_ACCESS],
        ...each(['crn', 'givenName', 'familyName', 'dateOfBirth'], IDENTIFYING),
        ...each(['pncNumber', 'prisonNumber', 'nino'], OFFICIAL_IDENTIFIERS),
        ...each(
          [
            'practitionerName',
            'probationRegion',
            'accommodationOnRelease',
            'eteStatusAtRelease',
            'eteStatusAt6Weeks',
            'eteStatusAt6Months',
            'licenceConditions',
          ],
          CASEWORK,
        ),
        riskLevel: [SUBJECT_ACCESS],
      },
    }),
    LicenceCondition: typeAccess<
      { id: string; crn: string; restrictsWork: boolean },
      AccessContext
    >({
      key: byId,
      scope: probationCases,
      fields: {
        ...each(
          ['id', 'crn', 'kind', 'restrictsWork', 'startDate', 'endDate', 'description'],
          CASEWORK,
        ),
      },
      // Casework sees the conditions that limit work; the rest are probation's business.
      conditions: {
        description: (row, context) =>
          row.restrictsWork || context.request.caller.role === Role.DATA_STEWARD
            ? null
            : 'only conditions that restrict work are shared.',
      },
    }),
  },
};
