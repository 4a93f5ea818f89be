import {
  REPORTING_SERVICE,
  IDENTITY_SERVICE,
  CASEWORK,
  COORDINATOR,
  IDENTIFYING,
  LINKAGE,
  SUBJECT_ACCESS,
  each,
} from '../../lib/access/grants';
import { type AccessPolicy, typeAccess } from '../../lib/access/policy';
import { RecordKind } from '../../lib/access/scope';
import { Role } from '../../lib/auth/roles';
import type { VcsContext } from './context';

const byId = (row: { id: string }) => row.id;
/** A support record, and the rows of it, are in scope with the person it is about. */
const supportRecords = { kind: RecordKind.VCS_SUPPORT_RECORD, record: byId };
const ofSupportRecord = {
  kind: RecordKind.VCS_SUPPORT_RECORD,
  record: (row: { supportRecordId: string }) => row.supportRecordId,
};

/** A charity's own case notes are for that charity's coordinators and for subject access. */
async function notesOwnedByCaller(row: { supportRecordId: string }, context: VcsContext) {
  const { caller } = context.request;
  if (caller.role !== Role.COORDINATOR) return null;
  const record = await context.loaders.supportRecordById.load(row.supportRecordId);
  return record?.organisationId === caller.organisation
    ? null
    : "another organisation's notes are not shared.";
}

/** Who may read what charities hold about the people they support. Organisations, services,
 * employers and vacancies are reference data. */
export const VCS_ACCESS: AccessPolicy = {
  roots: {
    putReportingKeys: [IDENTITY_SERVICE],
    pruneReportingKeys: [IDENTITY_SERVICE],
    supportCohortCounts: [REPORTING_SERVICE],
    putReleaseFacts: [REPORTING_SERVICE],
    pruneReleaseFacts: [REPORTING_SERVICE],
    summariseReleaseFacts: [REPORTING_SERVICE],
    releaseFactCounts: [REPORTING_SERVICE],
    serviceUsers: [REPORTING_SERVICE],
    supportRecordIdentityFeed: [IDENTITY_SERVICE],
    charityCaseload: [IDENTITY_SERVICE],
    supportReadiness: [IDENTITY_SERVICE],
    supportTimeline: [IDENTITY_SERVICE],
    caseloadReferrals: [IDENTITY_SERVICE],
    supportRecord: IDENTIFYING,
    supportRecords: [LINKAGE, SUBJECT_ACCESS],
    referrals: [SUBJECT_ACCESS],
    // Only into their own organisation's support records: the resolver checks that.
    recordReadiness: [COORDINATOR],
  },
  types: {
    SupportRecord: typeAccess({
      key: byId,
      scope: supportRecords,
      fields: {
        accessLog: [SUBJECT_ACCESS],
        ...each(['id', 'givenName', 'familyName', 'dateOfBirth'], IDENTIFYING),
        ...each(['postcode', 'nino', 'prisonNumber'], [COORDINATOR, LINKAGE, SUBJECT_ACCESS]),
        ...each(
          ['organisationId', 'organisation', 'openedOn', 'referrals', 'outcomes', 'readiness'],
          CASEWORK,
        ),
        // A Jobcentre adviser sees that a charity is helping, not the charity's casework.
        ...each(['engagements', 'consents'], [COORDINATOR, SUBJECT_ACCESS]),
      },
    }),
    Referral: typeAccess<{ id: string; supportRecordId: string }>({
      key: byId,
      scope: ofSupportRecord,
      fields: each(
        [
          'id',
          'supportRecordId',
          'serviceId',
          'service',
          'source',
          'referredOn',
          'acceptedOn',
          'status',
        ],
        CASEWORK,
      ),
    }),
    Engagement: typeAccess<{ id: string; supportRecordId: string }, VcsContext>({
      key: byId,
      scope: ofSupportRecord,
      fields: {
        ...each(
          ['id', 'supportRecordId', 'referralId', 'date', 'kind'],
          [COORDINATOR, SUBJECT_ACCESS],
        ),
        notes: [COORDINATOR, SUBJECT_ACCESS],
      },
      conditions: { notes: notesOwnedByCaller },
    }),
    SupportOutcome: typeAccess<{ id: string; supportRecordId: string }>({
      key: byId,
      scope: ofSupportRecord,
      fields: each(['id', 'supportRecordId', 'kind', 'date', 'employerId', 'employer'], CASEWORK),
    }),
    ReadinessItem: typeAccess<{ supportRecordId: string; item: string }, VcsContext>({
      key: (row) => `${row.supportRecordId}:${row.item}`,
      scope: ofSupportRecord,
      conditions: { note: notesOwnedByCaller },
      fields: {
        ...each(
          ['supportRecordId', 'item', 'status', 'source', 'recordedBy', 'recordedAt'],
          CASEWORK,
        ),
        // A Jobcentre adviser sees how far someone is, not the charity's notes on it.
        note: [COORDINATOR, SUBJECT_ACCESS],
      },
    }),
    Consent: typeAccess<{ id: string; supportRecordId: string }>({
      key: byId,
      scope: ofSupportRecord,
      fields: each(
        ['id', 'supportRecordId', 'scope', 'givenOn', 'withdrawnOn'],
        [COORDINATOR, SUBJECT_ACCESS],
      ),
    }),
  },
};
