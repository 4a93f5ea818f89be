import 'reflect-metadata';
import { IDENTITY_SERVICE_REQUEST } from '../../../test/support/callers';
import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { openMoj } from '../testing/fixtures';

const FACT = 'recordId item status detail recordedBy recordedAt';

const fact = (
  recordId: string,
  item: string,
  status: string,
  detail: string | null = null,
  recordedBy: string | null = null,
  recordedAt: string | null = null,
) => ({ recordId, item, status, detail, recordedBy, recordedAt });

describe('readiness facts for the identity service', () => {
  let moj: SubgraphUnderTest;

  beforeAll(async () => {
    moj = (await openMoj()).as(IDENTITY_SERVICE_REQUEST);
  });
  afterAll(() => moj.close());

  const ask = async (root: string, argument: string, keys: string[]) => {
    const result = await moj.execute(
      `query ($keys: [String!]!) { ${root}(${argument}: $keys) { ${FACT} } }`,
      { keys },
    );
    expect(result.errors).toBeUndefined();
    return result.data?.[root];
  };

  it("gives each prisoner's latest ID and bank account, right to work, and support declined", async () => {
    const staff = (n: number) => `prison-staff-${String(n).padStart(4, '0')}`;
    const checked = [staff(100), '2024-01-31T14:00:00.000Z'] as const;

    expect(await ask('prisonReadiness', 'prisonNumbers', ['A0001AA', 'A0002AA'])).toEqual([
      fact('A0001AA', 'ID', 'COMPLETED', 'PASSPORT', staff(2), '2024-02-01T10:00:00.000Z'),
      fact('A0001AA', 'BANK_ACCOUNT', 'IN_PROGRESS', null, staff(3), '2024-01-20T11:30:00.000Z'),
      fact('A0001AA', 'RIGHT_TO_WORK', 'COMPLETED', 'CONFIRMED', ...checked),
      fact('A0002AA', 'ID', 'NOT_STARTED', null, staff(4), '2024-02-02T09:00:00.000Z'),
      // Two recordings at the same moment: the later id counts.
      fact('A0002AA', 'BANK_ACCOUNT', 'COMPLETED', null, staff(6), '2024-02-03T09:00:00.000Z'),
      fact('A0002AA', 'RIGHT_TO_WORK', 'COMPLETED', 'NONE', ...checked),
      fact('A0002AA', 'SUPPORT', 'COMPLETED', 'DECLINED', ...checked),
    ]);
  });

  it('counts the latest recording, not the last written, and NOT_STARTED where nothing is', async () => {
    expect(
      await ask('prisonReadiness', 'prisonNumbers', ['A0005AA', 'A0003AA', 'A0004AA']),
    ).toEqual([
      fact(
        'A0005AA',
        'ID',
        'COMPLETED',
        'CITIZEN_CARD',
        'prison-staff-0008',
        '2021-12-01T15:00:00.000Z',
      ),
      fact('A0005AA', 'BANK_ACCOUNT', 'NOT_STARTED'),
      fact('A0005AA', 'RIGHT_TO_WORK', 'NOT_STARTED'),
      fact('A0003AA', 'ID', 'NOT_STARTED'),
      fact('A0003AA', 'BANK_ACCOUNT', 'NOT_STARTED'),
      // Not checked is not started; declining support was still recorded.
      fact('A0003AA', 'RIGHT_TO_WORK', 'NOT_STARTED'),
      fact(
        'A0003AA',
        'SUPPORT',
        'COMPLETED',
        'DECLINED',
        'prison-staff-0100',
        '2024-01-31T14:00:00.000Z',
      ),
      fact('A0004AA', 'ID', 'NOT_STARTED'),
      fact('A0004AA', 'BANK_ACCOUNT', 'NOT_STARTED'),
      fact('A0004AA', 'RIGHT_TO_WORK', 'NOT_STARTED'),
    ]);
  });

  it('says nothing of prison numbers nobody holds, and each once however often asked', async () => {
    const facts = (await ask('prisonReadiness', 'prisonNumbers', [
      'Z9999ZZ',
      'A0004AA',
      'A0004AA',
    ])) as { recordId: string; item: string }[];

    expect(facts.map((f) => `${f.recordId} ${f.item}`)).toEqual([
      'A0004AA ID',
      'A0004AA BANK_ACCOUNT',
      'A0004AA RIGHT_TO_WORK',
    ]);
  });

  it("gives housing on release from each probation case's accommodation", async () => {
    const crns = ['X000001', 'X000002', 'X000003', 'X000004', 'X000005', 'X999999'];

    expect(await ask('probationReadiness', 'crns', crns)).toEqual([
      fact(
        'X000001',
        'HOUSING_ON_RELEASE',
        'COMPLETED',
        'SETTLED',
        null,
        '2024-01-15T08:00:00.000Z',
      ),
      fact(
        'X000002',
        'HOUSING_ON_RELEASE',
        'IN_PROGRESS',
        'TEMPORARY',
        null,
        '2024-03-01T10:00:00.000Z',
      ),
      fact(
        'X000003',
        'HOUSING_ON_RELEASE',
        'COMPLETED',
        'APPROVED_PREMISES',
        null,
        '2023-11-30T23:59:59.999Z',
      ),
      fact(
        'X000004',
        'HOUSING_ON_RELEASE',
        'NOT_STARTED',
        'NO_FIXED_ABODE',
        null,
        '2024-01-15T08:00:00.000Z',
      ),
      fact(
        'X000005',
        'HOUSING_ON_RELEASE',
        'NOT_STARTED',
        'UNKNOWN',
        null,
        '2024-03-01T10:00:00.000Z',
      ),
    ]);
  });

  it('gives no time for a case last changed before changes were recorded', async () => {
    // Raw SQL, as a row from before the column existed: TypeORM would stamp the time.
    await moj.database.query(
      `UPDATE "probation_case" SET "updated_at" = '1970-01-01T00:00:00.000Z' WHERE "crn" = 'X000006'`,
    );

    expect(await ask('probationReadiness', 'crns', ['X000006'])).toEqual([
      fact('X000006', 'HOUSING_ON_RELEASE', 'COMPLETED', 'SETTLED'),
    ]);
  });
});
