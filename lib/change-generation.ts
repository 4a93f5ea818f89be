import type { DataSource, QueryRunner } from 'typeorm';
import { isPostgres } from './audit/sql';
import { WeightedLru } from './weighted-lru';

/**
 * A one-row count the database itself moves on every change to the tables it watches, so every
 * writer counts (a feed, a mutation, a seed, a test's own SQL): what a cache keys by when it
 * must never outlive the rows it was read from. PostgreSQL bumps it once a statement, SQLite once
 * a row.
 */
export interface ChangeGeneration {
  /** The one-row table holding the count, e.g. `caseload_generation`. */
  table: string;
  /** The tables whose every insert, update and delete moves it. */
  watched: string[];
}

const bumpFunction = ({ table }: ChangeGeneration) => `bump_${table}`;
const trigger = ({ table }: ChangeGeneration, watched: string) => `${watched}_${table}`;

export async function createChangeGeneration(
  queryRunner: QueryRunner,
  generation: ChangeGeneration,
): Promise<void> {
  const { table, watched } = generation;
  await queryRunner.query(
    `CREATE TABLE "${table}" ("id" integer PRIMARY KEY CHECK ("id" = 1), "generation" bigint NOT NULL)`,
  );
  await queryRunner.query(`INSERT INTO "${table}" ("id", "generation") VALUES (1, 0)`);
  const bump = `UPDATE "${table}" SET "generation" = "generation" + 1 WHERE "id" = 1;`;
  if (isPostgres(queryRunner)) {
    await queryRunner.query(
      `CREATE FUNCTION "${bumpFunction(generation)}"() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
        `BEGIN ${bump} RETURN NULL; END $$`,
    );
    for (const each of watched) {
      await queryRunner.query(
        `CREATE TRIGGER "${trigger(generation, each)}" AFTER INSERT OR UPDATE OR DELETE OR ` +
          `TRUNCATE ON "${each}" FOR EACH STATEMENT EXECUTE FUNCTION "${bumpFunction(generation)}"()`,
      );
    }
    return;
  }
  for (const each of watched) {
    for (const change of ['INSERT', 'UPDATE', 'DELETE']) {
      await queryRunner.query(
        `CREATE TRIGGER "${trigger(generation, each)}_${change.toLowerCase()}" AFTER ${change} ` +
          `ON "${each}" BEGIN ${bump} END`,
      );
    }
  }
}

export async function dropChangeGeneration(
  queryRunner: QueryRunner,
  generation: ChangeGeneration,
): Promise<void> {
  const postgres = isPostgres(queryRunner);
  for (const each of generation.watched) {
    if (postgres)
      await queryRunner.query(`DROP TRIGGER "${trigger(generation, each)}" ON "${each}"`);
    else {
      for (const change of ['insert', 'update', 'delete'])
        await queryRunner.query(`DROP TRIGGER "${trigger(generation, each)}_${change}"`);
    }
  }
  if (postgres) await queryRunner.query(`DROP FUNCTION "${bumpFunction(generation)}"()`);
  await queryRunner.query(`DROP TABLE "${generation.table}"`);
}

/** The count now, as text (PostgreSQL returns bigint as text); null if the table has no row. */
export const readChangeGeneration = (database: DataSource, table: string) =>
  readChangeGenerations(database, [table]);

/** Several counts at once, in one statement, as one text; null if any table has no row. */
export async function readChangeGenerations(
  database: DataSource,
  tables: string[],
): Promise<string | null> {
  const columns = tables.map(
    (table, index) => `(SELECT "generation" FROM "${table}" WHERE "id" = 1) AS "g${index}"`,
  );
  const [row] = await database.query<Record<string, string | number | null>[]>(
    `SELECT ${columns.join(', ')}`,
  );
  const counts = tables.map((_table, index) => row?.[`g${index}`]);
  return counts.some((count) => count === null || count === undefined) ? null : counts.join('.');
}

/**
 * Values read from a database, each kept while its change generations stay where they were: the
 * whole lot is let go when one moves, the least recently used first once their weights pass
 * `maxWeight`. Nothing is kept while a generation cannot be read, nor a read that failed.
 */
export class KeptWhileUnchanged<T> {
  private readonly kept: WeightedLru<Promise<T>>;
  private readonly tables: string[];
  private generation: string | null = null;

  constructor(
    private readonly database: DataSource,
    tables: string | string[],
    maxWeight: number,
  ) {
    this.tables = typeof tables === 'string' ? [tables] : tables;
    this.kept = new WeightedLru(maxWeight);
  }

  /** What is kept under `key`, else what `read` gives, kept with the weight `weigh` puts on it. */
  async get(key: string, read: () => Promise<T>, weigh: (value: T) => number): Promise<T> {
    const generation = await readChangeGenerations(this.database, this.tables);
    if (generation !== this.generation) {
      this.kept.clear();
      this.generation = generation;
    }
    if (generation === null) return read();
    const hit = this.kept.get(key);
    if (hit) return hit;
    const value = read();
    this.kept.set(key, value, 0);
    value.then(
      (read) => this.kept.weigh(key, value, weigh(read)),
      () => this.kept.delete(key, value),
    );
    return value;
  }
}
