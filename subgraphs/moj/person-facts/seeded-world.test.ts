import 'reflect-metadata';
import { closeDatabase, openDatabase } from '../../../lib/database';
import type { ReadinessFact } from '../../../lib/person-facts';
import { buildDemoWorld } from '../../../seed/demo';
import { ENTITY_ORDER } from '../../../seed/load';
import { WORLD_DEFAULTS, World } from '../../../seed/world';
import { createMojDatabase } from '../database';
import { prisonerRecordsIn } from '../testing/records';
import { prisonReadiness } from './prison-readiness';

type Row = Record<string, string | boolean | null>;

describe('readiness in the seeded world', () => {
  const rows = buildDemoWorld().rows.moj as unknown as Record<string, Row[]>;
  const database = createMojDatabase({ port: 0, url: 'http://unused', sqliteFile: ':memory:' });

  beforeAll(async () => {
    await openDatabase(database);
    for (const entity of ENTITY_ORDER.moj) {
      if (rows[entity]?.length) await database.getRepository(entity).insert(rows[entity]);
    }
  });
  afterAll(() => closeDatabase(database));

  /** The latest recording of `item`, as the rule reads in TypeScript. */
  const latest = (prisonNumber: string, item: string) =>
    rows.ResettlementItem.filter((r) => r.prisonNumber === prisonNumber && r.item === item).sort(
      (a, b) => String(b.recordedAt).localeCompare(String(a.recordedAt)),
    )[0];

  it('gives the latest recording of every seeded item', async () => {
    const prisonNumbers = rows.Prisoner.map((p) => p.prisonNumber as string);
    const facts = prisonReadiness(await prisonerRecordsIn(database, prisonNumbers));
    const items = facts.filter((f) => f.item === 'ID' || f.item === 'BANK_ACCOUNT');

    expect(items).toHaveLength(2 * prisonNumbers.length);
    expect(items).toEqual(
      items.map(({ recordId, item }): ReadinessFact => {
        const row = latest(recordId, item);
        return {
          recordId,
          item,
          status: (row?.status as string) ?? 'NOT_STARTED',
          detail: (row?.document as string) ?? null,
          recordedBy: (row?.recordedBy as string) ?? null,
          recordedAt: (row?.recordedAt as string) ?? null,
        };
      }),
    );
    expect(items.filter((f) => f.status === 'COMPLETED').length).toBeGreaterThan(50);
    expect(rows.ResettlementItem.length).toBeGreaterThan(items.filter((f) => f.recordedAt).length);
  });

  it('records right to work and declined support at about the rates intended', () => {
    const world = new World({ ...WORLD_DEFAULTS, people: 3000 });
    const readiness: Row[] = [];
    for (const batch of world.people()) readiness.push(...(batch.rows.moj.WorkReadiness as Row[]));
    const share = (test: (row: Row) => boolean) => readiness.filter(test).length / readiness.length;

    expect(readiness.length / 3000).toBeGreaterThan(0.5);
    expect(share((r) => r.rightToWork === 'NONE')).toBeGreaterThan(0.015);
    expect(share((r) => r.rightToWork === 'NONE')).toBeLessThan(0.045);
    expect(share((r) => r.supportDeclined === true)).toBeGreaterThan(0.03);
    expect(share((r) => r.supportDeclined === true)).toBeLessThan(0.07);
  });
});
