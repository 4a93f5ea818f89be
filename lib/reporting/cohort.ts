import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { type Engine, engineOf } from '../audit/sql';
import { badUserInput } from '../errors';

/**
 * A cohort as the reporting services pass it between themselves (never to a user): one entry
 * per release, column by column, the person named only by their pseudonymous key. `cell` says
 * which row of the report the release counts in; a release may count in several (a person who
 * had two charity services), and counts once in the total.
 */
export interface CohortColumns {
  personKey: string[];
  /** Release date, YYYY-MM-DD. */
  released: string[];
  /** Reception date of the custody period the release ends, YYYY-MM-DD. */
  received: string[];
  cell: number[];
}

/** The total's cell number: every release, once. */
export const TOTAL_CELL = -1;

/** One cell's counts and medians, as a controller counted them. */
@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType({ description: 'For the reporting service: one cell of a cohort table, counted.' })
export class CohortCount {
  @Field(() => Int, { description: `The cell, or ${TOTAL_CELL} for the total.` })
  cell!: number;

  @Field(() => String, { description: 'Measure name → count, as JSON.' })
  counts!: string;

  @Field(() => String, { description: 'Measure name → { value, n }, as JSON.' })
  medians!: string;
}

export function parseCohort(text: string): CohortColumns {
  let cohort: CohortColumns;
  try {
    cohort = JSON.parse(text) as CohortColumns;
  } catch {
    throw badUserInput('cohort', 'The cohort is not JSON.');
  }
  const { personKey, released, received, cell } = cohort;
  const lengths = [personKey, released, received, cell].map((column) =>
    Array.isArray(column) ? column.length : -1,
  );
  if (lengths.some((length) => length !== lengths[0] || length < 0)) {
    throw badUserInput(
      'cohort',
      'The cohort needs personKey, released, received and cell, alike in length.',
    );
  }
  return cohort;
}

/**
 * `WITH cohort AS (…)` over the bound columns, as (person_key, released, received, cell), with
 * the parameters to bind: PostgreSQL as typed arrays, SQLite as one JSON array of rows.
 */
export function cohortTable(database: DataSource, cohort: CohortColumns) {
  const engine = engineOf(database);
  if (engine === 'postgres') {
    return {
      sql: `cohort AS (SELECT * FROM unnest($1::text[], $2::date[], $3::date[], $4::int[])
              AS c(person_key, released, received, cell))`,
      parameters: [cohort.personKey, cohort.released, cohort.received, cohort.cell],
    };
  }
  const rows = cohort.personKey.map((key, i) => [
    key,
    cohort.released[i],
    cohort.received[i],
    cohort.cell[i],
  ]);
  return {
    sql: `cohort AS MATERIALIZED (SELECT value ->> 0 AS person_key, value ->> 1 AS released,
              value ->> 2 AS received, value ->> 3 AS cell FROM json_each(?))`,
    parameters: [JSON.stringify(rows)],
  };
}

/** `date` plus `days` days, as SQL, for a date expression. */
export function plusDays(engine: Engine, date: string, days: number): string {
  return engine === 'postgres'
    ? `(${date} + ${days})`
    : `date(${date}, '${days < 0 ? '' : '+'}${days} day')`;
}

/** Whole days from `from` to `to`, as SQL. */
export function daysFrom(engine: Engine, from: string, to: string): string {
  return engine === 'postgres'
    ? `(${to} - ${from})`
    : `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`;
}

/** 1 when the condition holds, else 0, as SQL both engines sum. */
export const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;

/**
 * Counts and medians per cell, and for the total (each release once), in one statement, from
 * `releases`: a CTE with one row per (cell, person_key, released), a 0/1 column per count and a
 * number (or NULL) per median. Goes after the caller's own CTEs.
 */
export function countsPerCell(counts: readonly string[], medians: readonly string[]): string {
  const columns = [...counts, ...medians].join(', ');
  const median = (name: string) => `, ${name}_m AS (
      SELECT cell, AVG(v) AS median, MAX(n) AS n FROM (
        SELECT cell, ${name} AS v, COUNT(*) OVER (PARTITION BY cell) AS n,
          ROW_NUMBER() OVER (PARTITION BY cell ORDER BY ${name}) AS r
        FROM all_releases WHERE ${name} IS NOT NULL) x
      WHERE r IN ((n + 1) / 2, (n + 2) / 2) GROUP BY cell)`;
  const selects = [
    'a.cell',
    ...counts.map((name) => `SUM(a.${name}) AS ${name}`),
    ...medians.flatMap((name) => [
      `${name}_m.median AS ${name}_median`,
      `${name}_m.n AS ${name}_n`,
    ]),
  ];
  const joins = medians.map((name) => ` LEFT JOIN ${name}_m ON ${name}_m.cell = a.cell`).join('');
  const groups = ['a.cell', ...medians.flatMap((name) => [`${name}_m.median`, `${name}_m.n`])];
  return `, all_releases AS MATERIALIZED (
      SELECT cell, person_key, released, ${columns} FROM releases
      UNION ALL
      SELECT DISTINCT ${TOTAL_CELL}, person_key, released, ${columns} FROM releases)
    ${medians.map(median).join('')}
    SELECT ${selects.join(', ')} FROM all_releases a${joins} GROUP BY ${groups.join(', ')}`;
}

/** A controller's answer: each cell's counts and medians as JSON text. */
export function cellCounts(
  rows: Record<string, unknown>[],
  counts: readonly string[],
  medians: readonly string[],
): CohortCount[] {
  return rows.map((row) => ({
    cell: Number(row.cell),
    counts: JSON.stringify(
      Object.fromEntries(counts.map((name) => [name, Number(row[name] ?? 0)])),
    ),
    medians: JSON.stringify(
      Object.fromEntries(
        medians.map((name) => [
          name,
          {
            value: row[`${name}_median`] === null ? null : Number(row[`${name}_median`]),
            n: Number(row[`${name}_n`] ?? 0),
          },
        ]),
      ),
    ),
  }));
}
