import 'reflect-metadata';
import { Purpose, Role } from '../../../lib/auth/roles';
import { MAX_FACT_KEYS } from '../../../lib/person-facts';
import { IDENTITY_SERVICE_REQUEST, requestAs } from '../../../test/support/callers';
import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../../../lib/database';
import { type TestDatabases, createTestDatabases } from '../../../test/support/databases';
import type { Rows, SubgraphUnderTest } from '../../../test/support/subgraph';
import { JobcentreAppointment } from '../appointment/appointment.entity';
import { AppointmentKind, Attendance } from '../appointment/appointment.enums';
import { BenefitClaim } from '../benefit-claim/benefit-claim.entity';
import { Benefit, ClaimStatus } from '../benefit-claim/benefit-claim.enums';
import { Claimant } from '../claimant/claimant.entity';
import { EmploymentOutcome } from '../employment-outcome/employment-outcome.entity';
import { EarningsBand, HoursBand } from '../employment-outcome/employment-outcome.enums';
import { Sector } from '../employment-outcome/sector.enum';
import { ProgrammeReferral } from '../programme-referral/programme-referral.entity';
import {
  EmploymentProgramme,
  ProgrammeReferralStatus,
} from '../programme-referral/programme-referral.enums';
import { createDwpDatabase } from '../database';
import { claimant, nino, openDwp, uuid } from '../test-fixtures';
import { readBundle } from '../../../lib/bundle';
import { CLAIMANT_PARTS, claimantRecord } from '../claimant/claimant.bundle';
import { claimantTimeline, universalCreditReadiness } from './person-facts';

const UC = Benefit.UNIVERSAL_CREDIT;

function claim(n: number, owner: number, claimDate: string, extra: Partial<BenefitClaim> = {}) {
  return {
    id: uuid(n),
    nino: nino(owner),
    benefit: UC,
    claimDate,
    startedInCustody: false,
    advancePayment: false,
    firstPaymentDate: null,
    status: ClaimStatus.OPEN,
    ...extra,
  } satisfies BenefitClaim;
}

const claims: BenefitClaim[] = [
  // 1: the latest UC claim is in payment; a later claim to another benefit does not count.
  claim(1, 1, '2024-01-15', { status: ClaimStatus.CLOSED }),
  claim(2, 1, '2024-03-01', { startedInCustody: true, advancePayment: true }),
  claim(3, 1, '2024-06-30', { firstPaymentDate: '2024-07-28', status: ClaimStatus.IN_PAYMENT }),
  claim(4, 1, '2024-08-01', { benefit: Benefit.JOBSEEKERS_ALLOWANCE }),
  // 2: no UC claim at all.
  claim(5, 2, '2024-03-01', { benefit: Benefit.PERSONAL_INDEPENDENCE_PAYMENT }),
  // 3: open, made in custody.
  claim(6, 3, '2024-02-10', { startedInCustody: true }),
  // 4: the latest was disallowed, after one that was paid.
  claim(7, 4, '2023-05-01', { status: ClaimStatus.IN_PAYMENT }),
  claim(8, 4, '2024-03-01', { status: ClaimStatus.DISALLOWED, startedInCustody: true }),
];

const appointments: JobcentreAppointment[] = [
  {
    id: uuid(11),
    nino: nino(1),
    date: '2024-03-01',
    kind: AppointmentKind.PRISON_WORK_COACH_VISIT,
    attendance: Attendance.ATTENDED,
    workCoachId: null,
  },
  {
    id: uuid(12),
    nino: nino(1),
    date: '2024-07-10',
    kind: AppointmentKind.WORK_SEARCH_REVIEW,
    attendance: Attendance.MISSED,
    workCoachId: null,
  },
];

const referrals: ProgrammeReferral[] = [
  {
    id: uuid(21),
    nino: nino(1),
    programme: EmploymentProgramme.RESTART_SCHEME,
    referredOn: '2024-07-01',
    startedOn: '2024-07-15',
    status: ProgrammeReferralStatus.STARTED,
  },
  {
    id: uuid(22),
    nino: nino(3),
    programme: EmploymentProgramme.SECTOR_BASED_WORK_ACADEMY,
    referredOn: '2024-04-01',
    startedOn: null,
    status: ProgrammeReferralStatus.REFERRED,
  },
];

const outcome = (n: number, owner: number, extra: Partial<EmploymentOutcome>) =>
  ({
    id: uuid(n),
    nino: nino(owner),
    jobStartDate: '2024-09-02',
    sector: Sector.CONSTRUCTION,
    hoursBand: HoursBand.FULL_TIME_30_PLUS,
    earningsBand: EarningsBand.FROM_1500,
    sustained13Weeks: null,
    sustained26Weeks: null,
    ...extra,
  }) satisfies EmploymentOutcome;

const outcomes: EmploymentOutcome[] = [
  outcome(31, 1, { sustained13Weeks: true, sustained26Weeks: false }),
  outcome(32, 3, { sector: Sector.OTHER, jobStartDate: '2024-05-01', sustained13Weeks: false }),
];

const ROWS: Rows = [
  [Claimant, [1, 2, 3, 4, 5].map((n) => claimant(n))],
  [BenefitClaim, claims],
  [JobcentreAppointment, appointments],
  [ProgrammeReferral, referrals],
  [EmploymentOutcome, outcomes],
];

const READINESS = `query ($ninos: [String!]!) {
  claimantReadiness(ninos: $ninos) { recordId item status detail recordedBy recordedAt } }`;
const TIMELINE = `query ($ninos: [String!]!) {
  claimantTimeline(ninos: $ninos) { id recordId kind date summary } }`;

const ucClaim = (n: number, status: string, detail: string | null, recordedAt: string | null) => ({
  recordId: nino(n),
  item: 'UC_CLAIM',
  status,
  detail,
  recordedBy: null,
  recordedAt,
});

describe('what DWP tells identity about claimants', () => {
  let dwp: SubgraphUnderTest;

  beforeAll(async () => {
    dwp = (await openDwp(ROWS)).as(IDENTITY_SERVICE_REQUEST);
  });
  afterAll(() => dwp.close());

  it("gives each claimant's UC claim from their latest one, and nothing for an unknown NINO", async () => {
    const ninos = [5, 4, 3, 2, 1, 99].map(nino);
    const result = await dwp.execute(READINESS, { ninos });

    expect(result).toEqual({
      data: {
        claimantReadiness: [
          ucClaim(1, 'COMPLETED', null, '2024-06-30'),
          ucClaim(2, 'NOT_STARTED', null, null),
          ucClaim(3, 'IN_PROGRESS', 'STARTED_IN_CUSTODY', '2024-02-10'),
          ucClaim(4, 'NOT_STARTED', 'STARTED_IN_CUSTODY', '2024-03-01'),
          ucClaim(5, 'NOT_STARTED', null, null),
        ],
      },
    });
    expect(dwp.selects()).toHaveLength(1);
  });

  it("gives every dated event of the claimants' records, by date then id", async () => {
    const result = await dwp.execute(TIMELINE, { ninos: [nino(1)] });
    const event = (id: string, kind: string, date: string, summary: string) => ({
      id,
      recordId: nino(1),
      kind,
      date,
      summary,
    });

    expect(result).toEqual({
      data: {
        claimantTimeline: [
          event(
            `benefit-claim:${uuid(1)}:claim`,
            'UC_CLAIM',
            '2024-01-15',
            'Claimed Universal Credit',
          ),
          event(
            `appointment:${uuid(11)}`,
            'JOBCENTRE_APPOINTMENT',
            '2024-03-01',
            'Prison work coach visit (attended)',
          ),
          event(
            `benefit-claim:${uuid(2)}:claim`,
            'UC_CLAIM',
            '2024-03-01',
            'Claimed Universal Credit (started in custody, advance payment)',
          ),
          event(
            `benefit-claim:${uuid(3)}:claim`,
            'UC_CLAIM',
            '2024-06-30',
            'Claimed Universal Credit',
          ),
          event(
            `programme-referral:${uuid(21)}:referral`,
            'PROGRAMME_REFERRAL',
            '2024-07-01',
            'Referred to the Restart Scheme',
          ),
          event(
            `appointment:${uuid(12)}`,
            'JOBCENTRE_APPOINTMENT',
            '2024-07-10',
            'Work search review (missed)',
          ),
          event(
            `programme-referral:${uuid(21)}:start`,
            'PROGRAMME_START',
            '2024-07-15',
            'Started the Restart Scheme',
          ),
          event(
            `benefit-claim:${uuid(3)}:first-payment`,
            'FIRST_PAYMENT',
            '2024-07-28',
            'First payment of Universal Credit',
          ),
          event(
            `benefit-claim:${uuid(4)}:claim`,
            'UC_CLAIM',
            '2024-08-01',
            "Claimed Jobseeker's Allowance",
          ),
          event(
            `employment-outcome:${uuid(31)}:start`,
            'JOB_START',
            '2024-09-02',
            'Started a job in construction',
          ),
          event(
            `employment-outcome:${uuid(31)}:13-weeks`,
            'JOB_SUSTAINED_13_WEEKS',
            '2024-12-02',
            'Job in construction sustained for 13 weeks',
          ),
        ],
      },
    });
  });

  it('gives no sustained event for a job not (yet) sustained, nor a start not yet made', async () => {
    const result = await dwp.execute(TIMELINE, { ninos: [nino(3)] });

    expect(result.data?.claimantTimeline).toEqual([
      expect.objectContaining({
        kind: 'UC_CLAIM',
        summary: 'Claimed Universal Credit (started in custody)',
      }),
      expect.objectContaining({
        kind: 'PROGRAMME_REFERRAL',
        summary: 'Referred to a Sector-based Work Academy Programme',
      }),
      expect.objectContaining({ kind: 'JOB_START', summary: 'Started a job in another sector' }),
    ]);
  });

  it.each([
    ['claimantReadiness', READINESS, [1, 2, 3, 4, 5]],
    ['claimantTimeline', TIMELINE, [1, 2, 3, 4]],
  ])('%s costs one statement for as many NINOs as may be asked', async (field, query, held) => {
    const ninos = Array.from({ length: MAX_FACT_KEYS }, (_, i) => nino(i + 1));

    const result = await dwp.execute(query, { ninos });

    expect(result.errors).toBeUndefined();
    const recordIds = (result.data?.[field] as { recordId: string }[]).map((f) => f.recordId);
    expect([...new Set(recordIds)].sort()).toEqual(held.map(nino));
    expect(dwp.selects()).toHaveLength(1);
  });

  it.each([
    ['claimantReadiness', READINESS],
    ['claimantTimeline', TIMELINE],
  ])('%s answers an empty list without asking the database', async (field, query) => {
    expect(await dwp.execute(query, { ninos: [] })).toEqual({ data: { [field]: [] } });
    expect(dwp.selects()).toEqual([]);
  });

  it.each([
    ['claimantReadiness', READINESS],
    ['claimantTimeline', TIMELINE],
  ])('%s refuses more NINOs than a call may ask about', async (_, query) => {
    const ninos = Array.from({ length: MAX_FACT_KEYS + 1 }, (_, i) => nino(i + 1));

    const result = await dwp.execute(query, { ninos });

    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'ninos',
    });
    expect(dwp.selects()).toEqual([]);
  });

  it.each([
    ['claimantReadiness', READINESS],
    ['claimantTimeline', TIMELINE],
  ])('%s is for the identity service only', async (_, query) => {
    const coordinator = requestAs(Role.COORDINATOR, Purpose.EMPLOYMENT_SUPPORT);

    const result = await dwp.execute(query, { ninos: [nino(1)] }, coordinator);

    expect(result.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(dwp.selects()).toEqual([]);
  });
});

const POSTGRES = process.env.TEST_POSTGRES_URL;

(POSTGRES ? describe : describe.skip)('the same bundles on PostgreSQL', () => {
  let databases: TestDatabases;
  let postgres: DataSource;
  let sqlite: SubgraphUnderTest;
  const ninos = [1, 2, 3, 4, 5, 99].map(nino);

  beforeAll(async () => {
    databases = await createTestDatabases(POSTGRES as string);
    const settings = { port: 0, url: 'http://unused', sqliteFile: ':memory:' };
    postgres = await openDatabase(
      createDwpDatabase({ ...settings, databaseUrl: databases.urls.dwp }),
    );
    for (const [entity, values] of ROWS) await postgres.getRepository(entity).insert(values);
    sqlite = (await openDwp(ROWS)).as(IDENTITY_SERVICE_REQUEST);
  });
  afterAll(async () => {
    await Promise.all([closeDatabase(postgres), sqlite.close()]);
    await databases.drop();
  });

  it('give the same readiness and timeline as on SQLite', async () => {
    const records = [...(await readBundle(postgres, CLAIMANT_PARTS, ninos)).values()].map(
      claimantRecord,
    );
    const readiness = records.flatMap(universalCreditReadiness);
    const timeline = claimantTimeline(records);

    expect(readiness).toEqual((await sqlite.execute(READINESS, { ninos })).data?.claimantReadiness);
    expect(timeline).toEqual((await sqlite.execute(TIMELINE, { ninos })).data?.claimantTimeline);
    expect(timeline.length).toBeGreaterThan(10);
  });
});
