import { openDatabase, closeDatabase } from '../../../lib/database';
import { ENTITY_ORDER } from '../../../seed/load';
import { buildDemoWorld } from '../../../seed/demo';
import { createVcsDatabase } from '../database';
import { charityCaseload } from './charity-caseload.resolver';
import { sharedWithCharity } from './sharing';

type Row = Record<string, string | null>;

describe("a charity's caseload", () => {
  const rows = buildDemoWorld().rows.vcs as unknown as Record<string, Row[]>;
  const database = createVcsDatabase({ port: 0, url: 'http://unused', sqliteFile: ':memory:' });

  beforeAll(async () => {
    await openDatabase(database);
    for (const entity of ENTITY_ORDER.vcs) {
      if (rows[entity]?.length) await database.getRepository(entity).insert(rows[entity]);
    }
  });
  afterAll(() => closeDatabase(database));

  /** The rule as written in TypeScript, applied to the same rows. */
  const expected = (organisation: string, today: string) =>
    rows.SupportRecord.filter(
      (record) =>
        record.organisationId === organisation &&
        sharedWithCharity(
          rows.Referral.filter((r) => r.supportRecordId === record.id) as { status: string }[],
          rows.Consent.filter((c) => c.supportRecordId === record.id) as {
            scope: string;
            withdrawnOn: string | null;
          }[],
          today,
        ),
    )
      .map((record) => record.id as string)
      .sort();

  it.each(['2026-11-24', '2025-06-01'])(
    'is, in SQL, the records the sharing rule allows, for every charity on %s',
    async (today) => {
      let shared = 0;
      for (const { id } of rows.Organisation) {
        const ids = await charityCaseload(database, id as string, today);
        expect(ids).toEqual(expected(id as string, today));
        shared += ids.length;
      }
      expect(shared).toBeGreaterThan(10);
      expect(shared).toBeLessThan(rows.SupportRecord.length);
    },
  );

  it('counts a withdrawal from the day it is recorded, and a referral only while open', () => {
    const support = (withdrawnOn: string | null) => ({
      scope: 'EMPLOYMENT_SUPPORT',
      withdrawnOn,
    });
    const day = '2026-11-24';

    expect(sharedWithCharity([], [support(null)], day)).toBe(true);
    expect(sharedWithCharity([], [support('2026-11-25')], day)).toBe(true);
    expect(sharedWithCharity([], [support(day)], day)).toBe(false);
    expect(sharedWithCharity([{ status: 'ACTIVE' }], [], day)).toBe(true);
    expect(sharedWithCharity([{ status: 'PENDING' }], [support('2026-01-01')], day)).toBe(false);
    expect(sharedWithCharity([{ status: 'COMPLETED' }], [], day)).toBe(false);
    expect(sharedWithCharity([], [{ scope: 'SHARE_WITH_DWP', withdrawnOn: null }], day)).toBe(
      false,
    );
  });
});
