import {
  ADVISER,
  CASEWORK,
  COORDINATOR,
  IDENTIFYING,
  LINKAGE,
  SUBJECT_ACCESS,
  each,
} from '../../lib/access/grants';
import { Role } from '../../lib/auth/roles';

const REPORTING = Role.REPORTING;
import { type AccessPolicy, typeAccess } from '../../lib/access/policy';
import { RecordKind } from '../../lib/access/scope';

const STEWARDS = [LINKAGE, SUBJECT_ACCESS] as const;

/**
 * Who may read the person index. Finding people by name is for advisers (who hold a claimant in
 * front of them) and stewards; the review queue and its decisions are for stewards correcting
 * links. Match explanations are read only through a link or a review, which are checked.
 */
export const IDENTITY_ACCESS: AccessPolicy = {
  roots: {
    person: IDENTIFYING,
    people: [ADVISER, ...STEWARDS],
    linkReviews: [LINKAGE],
    confirmLinkReview: [LINKAGE],
    rejectLinkReview: [LINKAGE],
    splitPerson: [LINKAGE],
    mergePeople: [LINKAGE],
    accessScope: IDENTIFYING,
    accessRestrictions: STEWARDS,
    restrictAccess: STEWARDS,
    liftAccessRestriction: STEWARDS,
    myCaseload: [COORDINATOR],
    // Aggregates after disclosure control: the one thing a reporting token may read.
    cohortOutcomes: [REPORTING],
    serviceComparison: [REPORTING],
  },
  types: {
    Person: typeAccess({
      key: (row: { id: string }) => row.id,
      scope: { kind: RecordKind.PERSON, record: (row: { id: string }) => row.id },
      fields: {
        accessLog: [SUBJECT_ACCESS],
        ...each(
          [
            'id',
            'givenName',
            'familyName',
            'dateOfBirth',
            'links',
            'claimant',
            'prisoner',
            'probationCase',
            'supportRecords',
          ],
          IDENTIFYING,
        ),
        // Dated facts and checklist statuses, no case notes: for those who work the case.
        ...each(['readiness', 'timeline'], CASEWORK),
      },
    }),
    PersonLink: typeAccess({
      key: (row: { recordKind: string; recordId: string }) => `${row.recordKind}:${row.recordId}`,
      fields: each(
        ['recordKind', 'recordId', 'status', 'matchProbability', 'explanation'],
        IDENTIFYING,
      ),
    }),
    Claimant: typeAccess({
      key: (row: { nino: string }) => row.nino,
      fields: { nino: IDENTIFYING, person: IDENTIFYING },
    }),
    Prisoner: typeAccess({
      key: (row: { prisonNumber: string }) => row.prisonNumber,
      fields: { prisonNumber: IDENTIFYING, person: IDENTIFYING },
    }),
    ProbationCase: typeAccess({
      key: (row: { crn: string }) => row.crn,
      fields: { crn: IDENTIFYING, person: IDENTIFYING },
    }),
    SupportRecord: typeAccess({
      key: (row: { id: string }) => row.id,
      fields: { id: IDENTIFYING, person: IDENTIFYING },
    }),
    AccessRestriction: typeAccess({
      key: (row: { id: string }) => row.id,
      fields: each(
        [
          'id',
          'recordKey',
          'reason',
          'allowedSubjects',
          'createdBy',
          'createdAt',
          'liftedBy',
          'liftedAt',
        ],
        STEWARDS,
      ),
    }),
    LinkReview: typeAccess({
      key: (row: { id: string }) => row.id,
      fields: each(
        [
          'id',
          'recordA',
          'recordB',
          'reason',
          'matchProbability',
          'explanation',
          'impact',
          'status',
          'decidedBy',
          'decidedAt',
        ],
        [LINKAGE],
      ),
    }),
    PersonSearchResult: typeAccess({
      key: (row: { matchedRecord: string }) => row.matchedRecord,
      fields: each(
        ['person', 'score', 'matchProbability', 'matchedRecord', 'rule', 'reasons'],
        [ADVISER, ...STEWARDS],
      ),
    }),
  },
};
