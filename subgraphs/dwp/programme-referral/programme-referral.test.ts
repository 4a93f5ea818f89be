import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { Claimant } from '../claimant/claimant.entity';
import { claimant, claimantsWith, nino, openDwp, uuid } from '../test-fixtures';
import { ProgrammeReferral } from './programme-referral.entity';
import { EmploymentProgramme, ProgrammeReferralStatus } from './programme-referral.enums';

const claimants = [1, 2, 3].map((n) => claimant(n));
const referrals: ProgrammeReferral[] = [
  {
    id: uuid(1),
    nino: nino(2),
    programme: EmploymentProgramme.SECTOR_BASED_WORK_ACADEMY,
    referredOn: '2024-05-01',
    startedOn: null,
    status: ProgrammeReferralStatus.REFERRED,
  },
  {
    id: uuid(2),
    nino: nino(2),
    programme: EmploymentProgramme.RESTART_SCHEME,
    referredOn: '2024-02-01',
    startedOn: '2024-02-20',
    status: ProgrammeReferralStatus.LEFT_EARLY,
  },
  {
    id: uuid(3),
    nino: nino(3),
    programme: EmploymentProgramme.JOB_ENTRY_TARGETED_SUPPORT,
    referredOn: '2024-03-15',
    startedOn: '2024-03-30',
    status: ProgrammeReferralStatus.COMPLETED,
  },
];

describe('programme referrals', () => {
  let dwp: SubgraphUnderTest;

  beforeAll(async () => {
    dwp = await openDwp([
      [Claimant, claimants],
      [ProgrammeReferral, referrals],
    ]);
  });
  afterAll(() => dwp.close());

  it("gives each claimant's referrals, oldest first, in one statement", async () => {
    const result = await dwp.execute(
      claimantsWith('programmeReferrals { id nino programme referredOn startedOn status }'),
    );

    expect(result.errors).toBeUndefined();
    expect(dwp.selects()).toHaveLength(2);
    expect(result.data?.claimants).toEqual({
      edges: [
        { node: { nino: nino(1), programmeReferrals: [] } },
        { node: { nino: nino(2), programmeReferrals: [referrals[1], referrals[0]] } },
        { node: { nino: nino(3), programmeReferrals: [referrals[2]] } },
      ],
    });
  });
});
