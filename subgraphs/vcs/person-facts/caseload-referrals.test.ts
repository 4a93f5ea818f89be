import { openDatabase, closeDatabase } from '../../../lib/database';
import { IDENTITY_SERVICE_REQUEST } from '../../../test/support/callers';
import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { ENTITY_ORDER } from '../../../seed/load';
import { buildDemoWorld } from '../../../seed/demo';
import { Consent, ConsentScope } from '../consent/consent.entity';
import { createVcsDatabase } from '../database';
import { Referral, ReferralSource, ReferralStatus } from '../referral/referral.entity';
import { OPEN_REFERRAL_STATUSES } from '../support-record/sharing';
import { buildVcsWorld, openVcs, uuid } from '../test-fixtures';
import { caseloadReferrals } from './caseload-referrals';

const QUERY = `query ($organisation: ID!) { caseloadReferrals(organisation: $organisation) {
  supportRecordId referralId serviceKind serviceName status referredOn } }`;

describe('caseloadReferrals', () => {
  const world = buildVcsWorld();
  const [working, bounce] = world.organisations.map((o) => o.id);
  const [first, second, , fourth, fifth] = world.supportRecords.map((r) => r.id);
  // A Bounce Back record referred to a Working Chance service: on neither charity's list.
  world.referrals.push({
    id: uuid(411),
    supportRecordId: second,
    serviceId: uuid(201),
    source: ReferralSource.OTHER_CHARITY,
    referredOn: '2024-02-03',
    acceptedOn: '2024-02-04',
    status: ReferralStatus.ACTIVE,
  });
  // The fifth person withdraws consent to employment support on 1 May 2024.
  world.consents.push({
    id: uuid(905),
    supportRecordId: fifth,
    scope: ConsentScope.EMPLOYMENT_SUPPORT,
    givenOn: '2024-03-20',
    withdrawnOn: '2024-05-01',
  });
  let vcs: SubgraphUnderTest;

  beforeAll(async () => {
    vcs = (await openVcs(world)).as(IDENTITY_SERVICE_REQUEST);
  });
  afterAll(() => vcs.close());

  const referral = (
    supportRecordId: string,
    n: number,
    serviceKind: string,
    serviceName: string,
    status: string,
    referredOn: string,
  ) => ({ supportRecordId, referralId: uuid(n), serviceKind, serviceName, status, referredOn });

  it("lists a charity's open referrals on its own records, by record then date", async () => {
    expect(await caseloadReferrals(vcs.database, working, '2024-04-30')).toEqual([
      referral(first, 409, 'IPS_EMPLOYMENT_SUPPORT', 'IPS', 'ACTIVE', '2024-01-12'),
      referral(fifth, 406, 'MENTORING', 'Mentors', 'PENDING', '2024-03-21'),
      referral(fifth, 407, 'IPS_EMPLOYMENT_SUPPORT', 'IPS', 'ACTIVE', '2024-04-01'),
    ]);
    // A consent to share withdrawn is not a consent to support withdrawn.
    expect(await caseloadReferrals(vcs.database, bounce, '2024-04-30')).toEqual([
      referral(second, 401, 'TRAINING', 'Dry lining', 'ACTIVE', '2024-02-02'),
      referral(second, 402, 'MENTORING', 'Buddies', 'PENDING', '2024-02-20'),
      referral(fourth, 405, 'MENTORING', 'Buddies', 'ACTIVE', '2024-03-02'),
    ]);
  });

  it('drops a person from the day they withdraw consent to employment support, in one statement', async () => {
    const result = await vcs.execute(QUERY, { organisation: working });

    expect(vcs.selects()).toHaveLength(1);
    expect(result).toEqual({
      data: {
        caseloadReferrals: [
          referral(first, 409, 'IPS_EMPLOYMENT_SUPPORT', 'IPS', 'ACTIVE', '2024-01-12'),
        ],
      },
    });
    expect(await caseloadReferrals(vcs.database, working, '2024-05-01')).toHaveLength(1);
    expect(await caseloadReferrals(vcs.database, world.emptyOrganisationId, '2024-05-01')).toEqual(
      [],
    );
  });

  it('agrees with the rule in TypeScript on the demo world, for every charity', async () => {
    const rows = buildDemoWorld().rows.vcs as unknown as Record<string, Record<string, string>[]>;
    const database = await openDatabase(
      createVcsDatabase({ port: 0, url: 'http://unused', sqliteFile: ':memory:' }),
    );
    try {
      for (const entity of ENTITY_ORDER.vcs) {
        if (rows[entity]?.length) await database.getRepository(entity).insert(rows[entity]);
      }
      const today = '2026-11-24';
      const organisationOf = (table: string) =>
        new Map(rows[table].map((row) => [row.id, row.organisationId]));
      const [services, records] = [
        organisationOf('CharityService'),
        organisationOf('SupportRecord'),
      ];
      const withdrawn = new Set(
        (rows.Consent as unknown as Consent[])
          .filter((c) => c.scope === ConsentScope.EMPLOYMENT_SUPPORT && c.withdrawnOn !== null)
          .filter((c) => (c.withdrawnOn as string) <= today)
          .map((c) => c.supportRecordId),
      );
      let listed = 0;
      for (const { id } of rows.Organisation) {
        const expected = (rows.Referral as unknown as Referral[])
          .filter(
            (r) =>
              OPEN_REFERRAL_STATUSES.includes(r.status) &&
              services.get(r.serviceId) === id &&
              records.get(r.supportRecordId) === id &&
              !withdrawn.has(r.supportRecordId),
          )
          .map((r) => r.id)
          .sort();
        const got = await caseloadReferrals(database, id, today);
        expect(got.map((r) => r.referralId).sort()).toEqual(expected);
        listed += got.length;
      }
      expect(listed).toBeGreaterThan(10);
    } finally {
      await closeDatabase(database);
    }
  });
});
