import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { type Engine, engines, freshMojDatabase } from '../testing/engines';
import { prisoners, resettlementItems, workReadiness } from '../testing/fixtures';
import { Prisoner } from '../prisoner/prisoner.entity';
import { ResettlementItem } from './resettlement-item.entity';
import { WorkReadiness } from './work-readiness.entity';

const TABLES = ['resettlement_item', 'work_readiness'];

const POSTGRES = process.env.TEST_POSTGRES_URL;

describe.each(engines(POSTGRES))('the resettlement migration on %s', (engine: Engine) => {
  let database: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await freshMojDatabase(engine, POSTGRES));
  });
  afterAll(() => drop());

  const tables = async () => {
    const runner = database.createQueryRunner();
    try {
      return await Promise.all(TABLES.map((table) => runner.hasTable(table)));
    } finally {
      await runner.release();
    }
  };

  /** Undoes the migrations after this one, then this one. */
  const undoResettlement = async () => {
    const ran = async () =>
      ((await database.query('SELECT name FROM migrations')) as { name: string }[]).map(
        (row) => row.name,
      );
    while ((await ran()).includes('Resettlement1733000000000')) await database.undoLastMigration();
  };

  it('reverts to no tables and runs again', async () => {
    expect(await tables()).toEqual([true, true]);
    await undoResettlement();
    expect(await tables()).toEqual([false, false]);
    await database.runMigrations();
    expect(await tables()).toEqual([true, true]);
  });

  it('holds what the entities say, booleans and all, and only for prisoners that exist', async () => {
    await database.getRepository(Prisoner).insert(prisoners);
    await database.getRepository(ResettlementItem).insert(resettlementItems);
    await database.getRepository(WorkReadiness).insert(workReadiness);

    expect(
      await database.getRepository(WorkReadiness).find({ order: { prisonNumber: 'ASC' } }),
    ).toEqual(workReadiness);
    expect(await database.getRepository(ResettlementItem).count()).toBe(resettlementItems.length);
    await expect(
      database
        .getRepository(WorkReadiness)
        .insert({ ...workReadiness[0], prisonNumber: 'Z9999ZZ' }),
    ).rejects.toThrow(/foreign key/i);
  });
});
