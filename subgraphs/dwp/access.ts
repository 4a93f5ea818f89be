import {
  IDENTITY_SERVICE,
  ADVISER,
  CASEWORK,
  IDENTIFYING,
  LINKAGE,
  SUBJECT_ACCESS,
  each,
} from '../../lib/access/grants';
import { type AccessPolicy, typeAccess } from '../../lib/access/policy';

const byNino = (row: { nino: string }) => row.nino;
const byId = (row: { id: string }) => row.id;

/** Who may read what DWP holds about a claimant. Work coaches and Jobcentres are staff data. */
export const DWP_ACCESS: AccessPolicy = {
  roots: {
    claimantIdentityFeed: [IDENTITY_SERVICE],
    claimant: IDENTIFYING,
    claimants: [LINKAGE, SUBJECT_ACCESS],
    benefitClaims: [SUBJECT_ACCESS],
    employmentOutcomes: [SUBJECT_ACCESS],
  },
  types: {
    Claimant: typeAccess({
      key: byNino,
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
    BenefitClaim: typeAccess({
      key: byId,
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
    JobcentreAppointment: typeAccess({
      key: byId,
      fields: each(['id', 'nino', 'date', 'kind', 'attendance', 'workCoachId'], CASEWORK),
    }),
    ProgrammeReferral: typeAccess({
      key: byId,
      fields: each(['id', 'nino', 'programme', 'referredOn', 'startedOn', 'status'], CASEWORK),
    }),
    EmploymentOutcome: typeAccess({
      key: byId,
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
