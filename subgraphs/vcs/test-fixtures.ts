import { fixtureUuid as uuid } from '../../test/support/subgraph';
import { type SubgraphUnderTest, openSubgraph } from '../../test/support/subgraph';
import { Consent, ConsentScope } from './consent/consent.entity';
import { createContext } from './context';
import { createVcsDatabase } from './database';
import { buildVcsSchema } from './schema';
import { Employer } from './employer/employer.entity';
import { Sector } from './employer/sector';
import { Vacancy } from './employer/vacancy.entity';
import { Engagement, EngagementKind } from './engagement/engagement.entity';
import { CharityService, ServiceKind } from './organisation/charity-service.entity';
import { Organisation } from './organisation/organisation.entity';
import { OutcomeKind, SupportOutcome } from './outcome/support-outcome.entity';
import { Referral, ReferralSource, ReferralStatus } from './referral/referral.entity';
import { SupportRecord } from './support-record/support-record.entity';

/** A valid v4 UUID that sorts in `n` order, so expected id orders are easy to compute. */

/** A small voluntary-sector world for tests; it ignores seed/ on purpose. */
export function buildVcsWorld() {
  const organisations: Organisation[] = [
    { id: uuid(101), charityNumber: '1123456', name: 'Working Chance', region: 'London' },
    { id: uuid(102), charityNumber: '1098765', name: 'Bounce Back', region: 'Wales' },
    { id: uuid(103), charityNumber: '1011121', name: 'A New Start', region: 'North West' },
  ];
  const [working, bounce, fresh] = organisations.map((o) => o.id);
  const services: CharityService[] = [
    {
      id: uuid(201),
      organisationId: working,
      kind: ServiceKind.IPS_EMPLOYMENT_SUPPORT,
      name: 'IPS',
    },
    { id: uuid(202), organisationId: working, kind: ServiceKind.MENTORING, name: 'Mentors' },
    { id: uuid(203), organisationId: bounce, kind: ServiceKind.TRAINING, name: 'Dry lining' },
    { id: uuid(204), organisationId: bounce, kind: ServiceKind.MENTORING, name: 'Buddies' },
  ];
  const person = (n: number, organisationId: string, openedOn: string): SupportRecord => ({
    id: uuid(300 + n),
    organisationId,
    givenName: `Given${n}`,
    familyName: `Family${n}`,
    dateOfBirth: n % 2 ? '1990-01-0' + n : null,
    postcode: n % 2 ? null : 'CF10 1AA',
    nino: n % 2 ? 'QQ12345' + n + 'C' : null,
    prisonNumber: n % 3 ? null : `A123${n}BC`,
    openedOn,
    updatedAt: `${openedOn}T09:00:00.000Z`,
  });
  const supportRecords = [
    person(1, working, '2024-01-10'),
    person(2, bounce, '2024-02-01'),
    person(3, working, '2024-02-15'),
    person(4, bounce, '2024-03-01'),
    person(5, working, '2024-03-20'),
  ];
  const record = (n: number) => supportRecords[n - 1].id;
  const referral = (
    n: number,
    recordNumber: number,
    serviceId: string,
    referredOn: string,
    status: ReferralStatus,
    source: ReferralSource,
  ): Referral => ({
    id: uuid(400 + n),
    supportRecordId: record(recordNumber),
    serviceId,
    source,
    referredOn,
    acceptedOn: status === ReferralStatus.PENDING ? null : referredOn,
    status,
  });
  const { ACTIVE, PENDING, COMPLETED, DECLINED } = ReferralStatus;
  const { PRISON, PROBATION, JOBCENTRE, SELF } = ReferralSource;
  const referrals = [
    // Same date as 403 but a higher id: ties must break by id.
    referral(9, 1, uuid(201), '2024-01-12', ACTIVE, PRISON),
    referral(3, 1, uuid(202), '2024-01-12', COMPLETED, PROBATION),
    referral(1, 2, uuid(203), '2024-02-02', ACTIVE, JOBCENTRE),
    referral(2, 2, uuid(204), '2024-02-20', PENDING, SELF),
    referral(4, 3, uuid(201), '2024-02-16', DECLINED, PRISON),
    referral(5, 4, uuid(204), '2024-03-02', ACTIVE, PRISON),
    referral(6, 5, uuid(202), '2024-03-21', PENDING, PROBATION),
    referral(7, 5, uuid(201), '2024-04-01', ACTIVE, PRISON),
  ];
  const engagement = (
    n: number,
    recordNumber: number,
    date: string,
    kind: EngagementKind,
    referralId: string | null = null,
  ): Engagement => ({
    id: uuid(500 + n),
    supportRecordId: record(recordNumber),
    referralId,
    date,
    kind,
    notes: `Notes ${n}`,
  });
  const engagements = [
    engagement(1, 1, '2024-01-20', EngagementKind.ONE_TO_ONE, uuid(409)),
    engagement(2, 1, '2024-01-13', EngagementKind.INITIAL_ASSESSMENT, uuid(409)),
    engagement(3, 2, '2024-02-05', EngagementKind.GROUP_SESSION),
    engagement(4, 3, '2024-02-17', EngagementKind.IN_PRISON_VISIT, uuid(404)),
    engagement(5, 5, '2024-03-25', EngagementKind.CV_WORKSHOP),
  ];
  const employers: Employer[] = [
    { id: uuid(601), name: 'Timpson', sector: Sector.RETAIL, location: 'Leeds', fairChance: true },
    {
      id: uuid(602),
      name: 'Greggs',
      sector: Sector.HOSPITALITY,
      location: 'Cardiff',
      fairChance: true,
    },
    {
      id: uuid(603),
      name: 'Acme Build',
      sector: Sector.CONSTRUCTION,
      location: 'Cardiff',
      fairChance: false,
    },
    { id: uuid(604), name: 'Greggs', sector: Sector.RETAIL, location: 'Leeds', fairChance: false },
    {
      id: uuid(605),
      name: 'Zed Logistics',
      sector: Sector.WAREHOUSING_AND_LOGISTICS,
      location: 'Leeds',
      fairChance: true,
    },
  ];
  const outcome = (
    n: number,
    recordNumber: number,
    kind: OutcomeKind,
    date: string,
    employerId: string | null,
  ): SupportOutcome => ({
    id: uuid(700 + n),
    supportRecordId: record(recordNumber),
    kind,
    date,
    employerId,
  });
  const outcomes = [
    outcome(1, 1, OutcomeKind.JOB_START, '2024-03-01', uuid(601)),
    outcome(2, 1, OutcomeKind.JOB_SUSTAINED_13_WEEKS, '2024-05-31', uuid(601)),
    outcome(3, 2, OutcomeKind.TRAINING_START, '2024-02-10', null),
    outcome(4, 3, OutcomeKind.JOB_START, '2024-04-01', uuid(603)),
  ];
  const vacancy = (
    n: number,
    employerId: string,
    sector: Sector,
    location: string,
    postedOn: string,
  ): Vacancy => ({
    id: uuid(800 + n),
    employerId,
    title: `Job ${n}`,
    sector,
    location,
    postedOn,
    closesOn: n % 2 ? null : '2024-12-31',
  });
  const vacancies = [
    vacancy(1, uuid(601), Sector.RETAIL, 'Leeds', '2024-05-01'),
    vacancy(2, uuid(602), Sector.HOSPITALITY, 'Cardiff', '2024-04-01'),
    vacancy(3, uuid(603), Sector.CONSTRUCTION, 'Cardiff', '2024-04-01'),
    vacancy(4, uuid(604), Sector.RETAIL, 'Leeds', '2024-03-15'),
    vacancy(5, uuid(605), Sector.WAREHOUSING_AND_LOGISTICS, 'Leeds', '2024-06-01'),
    vacancy(6, uuid(602), Sector.HOSPITALITY, 'Leeds', '2024-04-01'),
  ];
  const consent = (
    n: number,
    recordNumber: number,
    scope: ConsentScope,
    givenOn: string,
    withdrawnOn: string | null = null,
  ): Consent => ({
    id: uuid(900 + n),
    supportRecordId: record(recordNumber),
    scope,
    givenOn,
    withdrawnOn,
  });
  const consents = [
    consent(1, 1, ConsentScope.SHARE_WITH_DWP, '2024-01-11'),
    consent(2, 1, ConsentScope.EMPLOYMENT_SUPPORT, '2024-01-10'),
    consent(3, 2, ConsentScope.SHARE_WITH_MOJ, '2024-02-01', '2024-03-01'),
    consent(4, 4, ConsentScope.SHARE_CASE_NOTES, '2024-03-01'),
  ];
  return {
    organisations,
    services,
    supportRecords,
    referrals,
    engagements,
    employers,
    outcomes,
    vacancies,
    consents,
    emptyOrganisationId: fresh,
  };
}

export type VcsWorld = ReturnType<typeof buildVcsWorld>;

/** The vcs subgraph on in-memory SQLite holding `world`, inserted in foreign-key order. */
export function openVcs(world: VcsWorld): Promise<SubgraphUnderTest> {
  return openSubgraph(
    { createDatabase: createVcsDatabase, buildSchema: buildVcsSchema, createContext },
    [
      [Organisation, world.organisations],
      [CharityService, world.services],
      [SupportRecord, world.supportRecords],
      [Employer, world.employers],
      [Vacancy, world.vacancies],
      [Referral, world.referrals],
      [Engagement, world.engagements],
      [SupportOutcome, world.outcomes],
      [Consent, world.consents],
    ],
  );
}

/** How many of `statements` read from `table`. */
export function readsFrom(statements: string[], table: string): number {
  return statements.filter((sql) => new RegExp(`FROM "${table}"`).test(sql)).length;
}

/** Sorts copies by `column` then id, as the paged lists order them (binary string order). */
export function orderBy<T extends { id: string }>(rows: T[], column: keyof T): T[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort(
    (a, b) => compare(String(a[column]), String(b[column])) || compare(a.id, b.id),
  );
}

export { allPageIds as allPages } from '../../test/support/subgraph';

export { uuid };
