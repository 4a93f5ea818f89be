import {
  REPORTING_SERVICE,
  IDENTITY_SERVICE,
  ADVISER,
  CASEWORK,
  IDENTIFYING,
  LINKAGE,
  SUBJECT_ACCESS,
  each,
} from '../../lib/access/grants';
import { type AccessPolicy, typeAccess } from '../../lib/access/policy';
import { RecordKind } from '../../lib/access/scope';

const byNino = (row: { nino: string }) => row.nino;
/** Rows of a claimant's record are in scope with the claimant. */
const claimants = { kind: RecordKind.DWP_CLAIMANT, record: byNino };
const byId = (row: { id: string }) => row.id;

/** Who may read what DWP holds about a claimant. Work coaches and Jobcentres are staff data. */
export const DWP_ACCESS: AccessPolicy = {
  roots: {
    putReportingKeys: [IDENTITY_SERVICE],
    pruneReportingKeys: [IDENTITY_SERVICE],
    claimantCohortCounts: [REPORTING_SERVICE],
    putReleaseFacts: [REPORTING_SERVICE],
    pruneReleaseFacts: [REPORTING_SERVICE],
    summariseReleaseFacts: [REPORTING_SERVICE],
    releaseFactCounts: [REPORTING_SERVICE],
    programmeParticipants: [REPORTING_SERVICE],
    claimantIdentityFeed: [IDENTITY_SERVICE],
    claimantReadiness: [IDENTITY_SERVICE],
    claimantTimeline: [IDENTITY_SERVICE],
    claimant: IDENTIFYING,
    claimants: [LINKAGE, SUBJECT_ACCESS],
    benefitClaims: [SUBJECT_ACCESS],
    employmentOutcomes: [SUBJECT_ACCESS],
  },
  types: {
    Claimant: typeAccess({
      key: byNino,
      scope: claimants,
      fields: {
        accessLog: [SUBJECT_ACCESS],
        ...each(['nino', 'givenName', 'familyName', 'dateOfBirth'], IDENTIFYING),
        postcode: [ADVISER, LINKAGE, SUBJECT_ACCESS],
        ...each(
          [
            'jobcentre',
            'workCoachId',
            'workCoach',
            'benefitClaims',
            'appointments',
            'programmeReferrals',
            'employmentOutcomes',
          ],
          CASEWORK,
        ),
      },
    }),
    BenefitClaim: typeAccess<{ id: string; nino: string }>({
      key: byId,
      scope: claimants,
      fields: each(
        [
          'id',
          'nino',
          'benefit',
          'claimDate',
          'startedInCustody',
          'advancePayment',
          'firstPaymentDate',
          'status',
        ],
        CASEWORK,
      ),
    }),
    JobcentreAppointment: typeAccess<{ id: string; nino: string }>({
      key: byId,
      scope: claimants,
      fields: each(['id', 'nino', 'date', 'kind', 'attendance', 'workCoachId'], CASEWORK),
    }),
    ProgrammeReferral: typeAccess<{ id: string; nino: string }>({
      key: byId,
      scope: claimants,
      fields: each(['id', 'nino', 'programme', 'referredOn', 'startedOn', 'status'], CASEWORK),
    }),
    EmploymentOutcome: typeAccess<{ id: string; nino: string }>({
      key: byId,
      scope: claimants,
      fields: {
        ...each(
          ['id', 'nino', 'jobStartDate', 'sector', 'sustained13Weeks', 'sustained26Weeks'],
          CASEWORK,
        ),
        // Earnings are DWP's to see, not a charity's.
        ...each(['hoursBand', 'earningsBand'], [ADVISER, SUBJECT_ACCESS]),
      },
    }),
  },
};
