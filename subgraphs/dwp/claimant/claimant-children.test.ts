import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { JobcentreAppointment } from '../appointment/appointment.entity';
import { AppointmentKind, Attendance } from '../appointment/appointment.enums';
import { BenefitClaim } from '../benefit-claim/benefit-claim.entity';
import { Benefit, ClaimStatus } from '../benefit-claim/benefit-claim.enums';
import { EmploymentOutcome } from '../employment-outcome/employment-outcome.entity';
import { EarningsBand, HoursBand } from '../employment-outcome/employment-outcome.enums';
import { Sector } from '../employment-outcome/sector.enum';
import { ProgrammeReferral } from '../programme-referral/programme-referral.entity';
import {
  EmploymentProgramme,
  ProgrammeReferralStatus,
} from '../programme-referral/programme-referral.enums';
import { claimant, nino, openDwp, uuid } from '../test-fixtures';
import { WorkCoach } from '../work-coach/work-coach.entity';
import { Claimant } from './claimant.entity';

const PEOPLE = [1, 2, 3, 4, 5, 6];
const coaches = [1, 2].map((n) => ({
  id: uuid(900 + n),
  name: `Coach ${n}`,
  jobcentre: 'Leeds',
  prisonWorkCoach: n === 1,
}));
const claimants = PEOPLE.map((n) => claimant(n, { workCoachId: coaches[n % 2].id }));
const date = (n: number) => `2024-0${n}-01`;
const rows = (offset: number, build: (n: number) => object) =>
  PEOPLE.map((n) => ({ id: uuid(offset + n), nino: nino(n), ...build(n) }));

const CHILDREN = `
  workCoach { id }
  benefitClaims { id }
  appointments { id }
  programmeReferrals { id }
  employmentOutcomes { id }`;

describe('a claimant with everything DWP holds on them', () => {
  let dwp: SubgraphUnderTest;

  beforeAll(async () => {
    dwp = await openDwp([
      [WorkCoach, coaches],
      [Claimant, claimants],
      [
        BenefitClaim,
        rows(100, (n) => ({
          benefit: Benefit.UNIVERSAL_CREDIT,
          claimDate: date(n),
          startedInCustody: true,
          advancePayment: false,
          firstPaymentDate: null,
          status: ClaimStatus.OPEN,
        })),
      ],
      [
        JobcentreAppointment,
        rows(200, (n) => ({
          date: date(n),
          kind: AppointmentKind.INITIAL_INTERVIEW,
          attendance: Attendance.ATTENDED,
          workCoachId: null,
        })),
      ],
      [
        ProgrammeReferral,
        rows(300, (n) => ({
          programme: EmploymentProgramme.RESTART_SCHEME,
          referredOn: date(n),
          startedOn: null,
          status: ProgrammeReferralStatus.REFERRED,
        })),
      ],
      [
        EmploymentOutcome,
        rows(400, (n) => ({
          jobStartDate: date(n),
          sector: Sector.RETAIL,
          hoursBand: HoursBand.FROM_16_TO_29,
          earningsBand: EarningsBand.FROM_500_TO_999,
          sustained13Weeks: null,
          sustained26Weeks: null,
        })),
      ],
    ]);
  });
  afterAll(() => dwp.close());

  function expectEveryChild(nodes: { nino: string; benefitClaims: { id: string }[] }[]) {
    expect(nodes).toEqual(
      PEOPLE.map((n) => ({
        nino: nino(n),
        workCoach: { id: coaches[n % 2].id },
        benefitClaims: [{ id: uuid(100 + n) }],
        appointments: [{ id: uuid(200 + n) }],
        programmeReferrals: [{ id: uuid(300 + n) }],
        employmentOutcomes: [{ id: uuid(400 + n) }],
      })),
    );
  }

  it('costs one statement for the page and one per child type, whatever the claimants', async () => {
    const result = await dwp.execute(`{ claimants(first: 100) { edges { node {
      nino ${CHILDREN} } } } }`);

    expect(result.errors).toBeUndefined();
    expect(dwp.selects()).toHaveLength(1 + 5);
    expectEveryChild(
      (result.data?.claimants as { edges: { node: never }[] }).edges.map((edge) => edge.node),
    );
  });

  it('costs one statement, the bundle, when the gateway asks for the claimants by reference', async () => {
    const result = await dwp.execute(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Claimant { nino ${CHILDREN} } } }`,
      { representations: PEOPLE.map((n) => ({ __typename: 'Claimant', nino: nino(n) })) },
    );

    expect(result.errors).toBeUndefined();
    expect(dwp.selects()).toHaveLength(1);
    expectEveryChild(result.data?._entities as never);
  });
});
