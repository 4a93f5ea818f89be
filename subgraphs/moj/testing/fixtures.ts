import { fixtureUuid as uuid } from '../../../test/support/subgraph';
import { type Rows, type SubgraphUnderTest, openSubgraph } from '../../../test/support/subgraph';
import { createContext } from '../context';
import { CustodyPeriod } from '../custody/custody-period.entity';
import { OffenceCategory, ReleaseType, SentenceBand } from '../custody/custody.enums';
import { EducationCourse, QualificationLevel } from '../education/education-course.entity';
import { Establishment, EstablishmentCategory } from '../establishment/establishment.entity';
import {
  LicenceCondition,
  LicenceConditionKind,
} from '../licence-condition/licence-condition.entity';
import {
  PayBand,
  PrisonActivity,
  PrisonWorkPlacement,
} from '../prison-work/prison-work-placement.entity';
import { PrisonerAlias } from '../prisoner/prisoner-alias.entity';
import { Prisoner, Sex } from '../prisoner/prisoner.entity';
import { AccommodationStatus, RiskLevel } from '../probation/probation.enums';
import { ProbationCase } from '../probation/probation-case.entity';
import {
  IdentityDocument,
  ResettlementItem,
  ResettlementItemKind,
  ResettlementStatus,
} from '../resettlement/resettlement-item.entity';
import { RightToWork, WorkReadiness } from '../resettlement/work-readiness.entity';
import { createMojDatabase } from '../database';
import { buildMojSchema } from '../schema';
import {
  ReleaseOnTemporaryLicence,
  TemporaryLicencePurpose,
} from '../temporary-licence/release-on-temporary-licence.entity';

/** A valid v4 UUID whose last digits are `n`, so fixtures sort by the number they were given. */

export const establishments: Establishment[] = [
  {
    code: 'BWI',
    name: 'HMP Berwyn',
    region: 'Wales',
    category: EstablishmentCategory.MALE_TRAINING,
  },
  {
    code: 'LEI',
    name: 'HMP Leeds',
    region: 'Yorkshire',
    category: EstablishmentCategory.MALE_LOCAL,
  },
  {
    code: 'STI',
    name: 'HMP Styal',
    region: 'North West',
    category: EstablishmentCategory.FEMALE_CLOSED,
  },
];

/** Last-changed times out of key order, with ties, so the identity feeds' order shows. */
const EARLY = '2023-11-30T23:59:59.999Z';
const MIDDLE = '2024-01-15T08:00:00.000Z';
const LATE = '2024-03-01T10:00:00.000Z';

function prisoner(
  prisonNumber: string,
  sex: Sex,
  updatedAt: string,
  nino: string | null = null,
): Prisoner {
  return {
    prisonNumber,
    pncNumber: null,
    givenName: `Given ${prisonNumber}`,
    familyName: `Family ${prisonNumber}`,
    dateOfBirth: '1990-01-01',
    sex,
    nino,
    updatedAt,
  };
}

export const prisoners: Prisoner[] = [
  prisoner('A0001AA', Sex.MALE, LATE, 'AB123456C'),
  prisoner('A0002AA', Sex.FEMALE, MIDDLE),
  prisoner('A0003AA', Sex.MALE, LATE),
  prisoner('A0004AA', Sex.MALE, EARLY),
  prisoner('A0005AA', Sex.FEMALE, LATE),
  prisoner('A0006AA', Sex.MALE, MIDDLE), // never in custody
];

export const aliases: PrisonerAlias[] = [
  {
    id: uuid(1),
    prisonNumber: 'A0001AA',
    givenName: 'Jon',
    familyName: 'Smyth',
    dateOfBirth: null,
  },
  {
    id: uuid(2),
    prisonNumber: 'A0001AA',
    givenName: 'John',
    familyName: 'Smith',
    dateOfBirth: '1990-01-02',
  },
  {
    id: uuid(3),
    prisonNumber: 'A0003AA',
    givenName: 'Tom',
    familyName: 'Jones',
    dateOfBirth: null,
  },
];

function period(
  n: number,
  prisonNumber: string,
  establishmentCode: string,
  receptionDate: string,
  release: [string, ReleaseType] | null,
): CustodyPeriod {
  return {
    id: uuid(100 + n),
    prisonNumber,
    establishmentCode,
    receptionDate,
    releaseDate: release?.[0] ?? null,
    expectedReleaseDate: release ? null : '2026-01-01',
    releaseType: release?.[1] ?? null,
    sentenceBand: SentenceBand.UNDER_12_MONTHS,
    offenceCategory: OffenceCategory.THEFT,
  };
}

const { AUTOMATIC_RELEASE_ON_LICENCE: ARL, HOME_DETENTION_CURFEW: HDC, PAROLE } = ReleaseType;

/** A0001AA was at LEI then BWI; A0002AA and A0005AA at STI; A0003AA moved from BWI to LEI. */
export const custodyPeriods: CustodyPeriod[] = [
  period(1, 'A0001AA', 'LEI', '2019-03-01', ['2019-09-01', ARL]),
  period(2, 'A0001AA', 'BWI', '2023-05-10', ['2024-02-15', HDC]),
  period(3, 'A0002AA', 'STI', '2023-05-10', ['2024-03-20', ARL]),
  period(4, 'A0003AA', 'BWI', '2022-01-01', ['2022-06-30', PAROLE]),
  period(5, 'A0003AA', 'LEI', '2024-01-01', null),
  period(6, 'A0004AA', 'BWI', '2023-05-10', ['2024-02-01', ARL]),
  period(7, 'A0005AA', 'STI', '2021-07-07', ['2022-01-01', HDC]),
];

export const temporaryLicences: ReleaseOnTemporaryLicence[] = [
  rotl(1, custodyPeriods[1].id, '2024-01-05', TemporaryLicencePurpose.PAID_WORK, 'Acme Builders'),
  rotl(2, custodyPeriods[1].id, '2023-12-01', TemporaryLicencePurpose.RESETTLEMENT_DAY, null),
  rotl(3, custodyPeriods[2].id, '2024-02-01', TemporaryLicencePurpose.TRAINING, null),
  rotl(4, custodyPeriods[5].id, '2024-01-10', TemporaryLicencePurpose.UNPAID_WORK, 'Food bank'),
];

function rotl(
  n: number,
  custodyPeriodId: string,
  startDate: string,
  purpose: TemporaryLicencePurpose,
  employerName: string | null,
): ReleaseOnTemporaryLicence {
  const paid = purpose === TemporaryLicencePurpose.PAID_WORK;
  return {
    id: uuid(200 + n),
    custodyPeriodId,
    purpose,
    employerName,
    startDate,
    endDate: null,
    paid,
  };
}

export const workPlacements: PrisonWorkPlacement[] = [
  placement(1, custodyPeriods[0].id, PrisonActivity.KITCHEN, 'Kitchen assistant', '2019-04-01'),
  placement(2, custodyPeriods[1].id, PrisonActivity.WORKSHOP, 'Welder', '2023-07-01'),
  placement(3, custodyPeriods[1].id, PrisonActivity.PEER_MENTOR, 'Peer mentor', '2023-06-01'),
  placement(4, custodyPeriods[4].id, PrisonActivity.LAUNDRY, 'Laundry orderly', '2024-02-01'),
];

function placement(
  n: number,
  custodyPeriodId: string,
  activity: PrisonActivity,
  role: string,
  startDate: string,
): PrisonWorkPlacement {
  return {
    id: uuid(300 + n),
    custodyPeriodId,
    activity,
    role,
    payBand: PayBand.BAND_2,
    startDate,
    endDate: null,
  };
}

export const educationCourses: EducationCourse[] = [
  course(1, custodyPeriods[1].id, 'CSCS health and safety', '2023-08-01', true),
  course(2, custodyPeriods[2].id, 'Functional skills maths', '2023-09-01', null),
  course(3, custodyPeriods[2].id, 'Food hygiene', '2023-06-01', false),
  course(4, custodyPeriods[6].id, 'English', '2021-09-01', true),
];

function course(
  n: number,
  custodyPeriodId: string,
  subject: string,
  startDate: string,
  achieved: boolean | null,
): EducationCourse {
  return {
    id: uuid(400 + n),
    custodyPeriodId,
    subject,
    level: QualificationLevel.LEVEL_1,
    startDate,
    endDate: achieved === null ? null : '2023-12-01',
    achieved,
  };
}

function probationCase(
  crn: string,
  probationRegion: string | null,
  prisonNumber: string | null,
  updatedAt: string,
  accommodationOnRelease = AccommodationStatus.SETTLED,
) {
  const row: ProbationCase = {
    crn,
    givenName: `Given ${crn}`,
    familyName: `Family ${crn}`,
    dateOfBirth: '1985-05-05',
    pncNumber: null,
    prisonNumber,
    nino: null,
    practitionerName: 'Pat Practitioner',
    probationRegion,
    riskLevel: RiskLevel.MEDIUM,
    accommodationOnRelease,
    eteStatusAtRelease: null,
    eteStatusAt6Weeks: null,
    eteStatusAt6Months: null,
    updatedAt,
  };
  return row;
}

export const probationCases: ProbationCase[] = [
  probationCase('X000001', 'Wales', 'A0001AA', MIDDLE),
  probationCase('X000002', 'North West', 'A0002AA', LATE, AccommodationStatus.TEMPORARY),
  probationCase('X000003', 'Wales', null, EARLY, AccommodationStatus.APPROVED_PREMISES),
  probationCase(
    'X000004',
    'Yorkshire and the Humber',
    'A0003AA',
    MIDDLE,
    AccommodationStatus.NO_FIXED_ABODE,
  ),
  probationCase('X000005', 'Wales', null, LATE, AccommodationStatus.UNKNOWN),
  probationCase('X000006', null, null, EARLY),
];

export const licenceConditions: LicenceCondition[] = [
  condition(1, 'X000001', LicenceConditionKind.CURFEW, false, '2024-02-15'),
  condition(2, 'X000001', LicenceConditionKind.NO_WORK_WITH_CHILDREN, true, '2024-02-10'),
  condition(3, 'X000002', LicenceConditionKind.DISCLOSE_NEW_EMPLOYMENT, true, '2024-03-20'),
  condition(4, 'X000004', LicenceConditionKind.EXCLUSION_ZONE, false, '2022-06-30'),
];

function condition(
  n: number,
  crn: string,
  kind: LicenceConditionKind,
  restrictsWork: boolean,
  startDate: string,
): LicenceCondition {
  return {
    id: uuid(500 + n),
    crn,
    kind,
    description: `Condition ${n}`,
    restrictsWork,
    startDate,
    endDate: null,
  };
}

const { ID, BANK_ACCOUNT } = ResettlementItemKind;
const { NOT_STARTED, IN_PROGRESS, COMPLETED } = ResettlementStatus;

/**
 * A0001AA's ID went from birth certificate to passport; A0002AA's bank account has two
 * recordings at the same moment (the later id counts); A0005AA's were written newest first.
 */
export const resettlementItems: ResettlementItem[] = [
  item(1, 'A0001AA', ID, IN_PROGRESS, IdentityDocument.BIRTH_CERTIFICATE, '2024-01-10T09:00'),
  item(2, 'A0001AA', ID, COMPLETED, IdentityDocument.PASSPORT, '2024-02-01T10:00'),
  item(3, 'A0001AA', BANK_ACCOUNT, IN_PROGRESS, null, '2024-01-20T11:30'),
  item(4, 'A0002AA', ID, NOT_STARTED, null, '2024-02-02T09:00'),
  item(5, 'A0002AA', BANK_ACCOUNT, IN_PROGRESS, null, '2024-02-03T09:00'),
  item(6, 'A0002AA', BANK_ACCOUNT, COMPLETED, null, '2024-02-03T09:00'),
  item(8, 'A0005AA', ID, COMPLETED, IdentityDocument.CITIZEN_CARD, '2021-12-01T15:00'),
  item(7, 'A0005AA', ID, IN_PROGRESS, IdentityDocument.CITIZEN_CARD, '2021-11-01T15:00'),
];

function item(
  n: number,
  prisonNumber: string,
  kind: ResettlementItemKind,
  status: ResettlementStatus,
  document: IdentityDocument | null,
  at: string,
): ResettlementItem {
  return {
    id: uuid(600 + n),
    prisonNumber,
    item: kind,
    status,
    document,
    recordedBy: `prison-staff-${String(n).padStart(4, '0')}`,
    recordedAt: `${at}:00.000Z`,
  };
}

/** A0003AA declined support before anyone checked their right to work. */
export const workReadiness: WorkReadiness[] = [
  readiness('A0001AA', RightToWork.CONFIRMED, false),
  readiness('A0002AA', RightToWork.NONE, true),
  readiness('A0003AA', RightToWork.NOT_CHECKED, true),
];

function readiness(
  prisonNumber: string,
  rightToWork: RightToWork,
  supportDeclined: boolean,
): WorkReadiness {
  return {
    prisonNumber,
    rightToWork,
    supportDeclined,
    recordedBy: 'prison-staff-0100',
    recordedAt: '2024-01-31T14:00:00.000Z',
  };
}

/** Every fixture row, in an order the foreign keys accept. */
export const allRows: Rows = [
  [Establishment, establishments],
  [Prisoner, prisoners],
  [PrisonerAlias, aliases],
  [CustodyPeriod, custodyPeriods],
  [ReleaseOnTemporaryLicence, temporaryLicences],
  [PrisonWorkPlacement, workPlacements],
  [EducationCourse, educationCourses],
  [ProbationCase, probationCases],
  [LicenceCondition, licenceConditions],
  [ResettlementItem, resettlementItems],
  [WorkReadiness, workReadiness],
];

/** The moj subgraph on in-memory SQLite holding `rows` (every fixture by default). */
export function openMoj(rows: Rows = allRows): Promise<SubgraphUnderTest> {
  return openSubgraph(
    { createDatabase: createMojDatabase, buildSchema: buildMojSchema, createContext },
    rows,
  );
}

export { allPageNodes as allPages, selectsFrom } from '../../../test/support/subgraph';

export { uuid };
