import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { Claimant } from '../claimant/claimant.entity';
import { claimant, claimantsWith, nino, openDwp, uuid } from '../test-fixtures';
import { WorkCoach } from '../work-coach/work-coach.entity';
import { JobcentreAppointment } from './appointment.entity';
import { AppointmentKind, Attendance } from './appointment.enums';

const coach: WorkCoach = {
  id: uuid(100),
  name: 'Asha Patel',
  jobcentre: 'Leeds',
  prisonWorkCoach: true,
};
const claimants = [1, 2, 3].map((n) => claimant(n));
const appointments: JobcentreAppointment[] = [
  {
    id: uuid(3),
    nino: nino(1),
    date: '2024-02-10',
    kind: AppointmentKind.CLAIMANT_COMMITMENT,
    attendance: Attendance.MISSED,
    workCoachId: null,
  },
  {
    id: uuid(1),
    nino: nino(1),
    date: '2024-01-05',
    kind: AppointmentKind.PRISON_WORK_COACH_VISIT,
    attendance: Attendance.ATTENDED,
    workCoachId: coach.id,
  },
  {
    id: uuid(2),
    nino: nino(3),
    date: '2024-04-01',
    kind: AppointmentKind.INITIAL_INTERVIEW,
    attendance: Attendance.BOOKED,
    workCoachId: null,
  },
];

describe('jobcentre appointments', () => {
  let dwp: SubgraphUnderTest;

  beforeAll(async () => {
    dwp = await openDwp([
      [WorkCoach, [coach]],
      [Claimant, claimants],
      [JobcentreAppointment, appointments],
    ]);
  });
  afterAll(() => dwp.close());

  it("gives each claimant's appointments, earliest first, in one statement", async () => {
    const result = await dwp.execute(
      claimantsWith('appointments { id nino date kind attendance workCoachId }'),
    );

    expect(result.errors).toBeUndefined();
    expect(dwp.selects()).toHaveLength(2);
    expect(result.data?.claimants).toEqual({
      edges: [
        { node: { nino: nino(1), appointments: [appointments[1], appointments[0]] } },
        { node: { nino: nino(2), appointments: [] } },
        { node: { nino: nino(3), appointments: [appointments[2]] } },
      ],
    });
  });
});
