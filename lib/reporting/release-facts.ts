import type { DataSource } from 'typeorm';
import { type Engine, engineOf, parameter } from '../audit/sql';
import { badUserInput } from '../errors';
import { type CohortCount, TOTAL_CELL, cellCounts } from './cohort';

/**
 * MoJ's releases as identity passes them round for reporting, column by column: the person named
 * only by their pseudonymous key, with what a report narrows and groups them by.
 */
export interface ReleaseSpine {
  personKey: string[];
  /** Release date, YYYY-MM-DD. */
  released: string[];
  /** Reception date of the custody period the release ends, YYYY-MM-DD. */
  received: string[];
  month: string[];
  establishment: string[];
  establishmentCode: string[];
  region: string[];
  sex: string[];
  ageBand: string[];
  releaseType: string[];
}

export const SPINE_COLUMNS = [
  'personKey',
  'released',
  'received',
  'month',
  'establishment',
  'establishmentCode',
  'region',
  'sex',
  'ageBand',
  'releaseType',
] as const satisfies readonly (keyof ReleaseSpine)[];

/** Each spine column's name in a release_fact table. */
export const FACT_COLUMN: Record<keyof ReleaseSpine, string> = {
  personKey: 'person_key',
  released: 'released',
  received: 'received',
  month: 'month',
  establishment: 'establishment',
  establishmentCode: 'establishment_code',
  region: 'region',
  sex: 'sex',
  ageBand: 'age_band',
  releaseType: 'release_type',
};

/** What a report may group release facts by. */
export const FACT_GROUPS = ['month', 'establishment', 'region', 'sex', 'ageBand'] as const;
export type FactGroup = (typeof FACT_GROUPS)[number];

/** What a report may narrow release facts by, beside the period. */
export const FACT_FILTERS = [
  'establishmentCode',
  'region',
  'sex',
  'releaseType',
  'ageBand',
] as const;
export type FactFilter = Partial<Record<(typeof FACT_FILTERS)[number], string | null>> & {
  from: string;
  to: string;
};

/** Most releases one call may carry: a year of a million people's releases is a few calls. */
export const MAX_SPINE_RELEASES = 100_000;

export function parseSpine(text: string): ReleaseSpine {
  let spine: ReleaseSpine;
  try {
    spine = JSON.parse(text) as ReleaseSpine;
  } catch {
    throw badUserInput('releases', 'The releases are not JSON.');
  }
  const lengths = SPINE_COLUMNS.map((name) =>
    Array.isArray(spine?.[name]) ? spine[name].length : -1,
  );
  if (lengths.some((length) => length !== lengths[0] || length < 0)) {
    throw badUserInput(
      'releases',
      `The releases need ${SPINE_COLUMNS.join(', ')}, alike in length.`,
    );
  }
  if (lengths[0] > MAX_SPINE_RELEASES) {
    throw badUserInput('releases', `At most ${MAX_SPINE_RELEASES} releases a call.`);
  }
  return spine;
}

/**
 * `WITH cohort AS (…)` over a spine: (person_key, released, received, cell) as the controllers'
 * measures read a cohort, the cell being the release's position, and the spine's other columns.
 */
function spineCohort(engine: Engine, spine: ReleaseSpine) {
  const names = SPINE_COLUMNS.map((name) => FACT_COLUMN[name]);
  if (engine === 'postgres') {
    const types = SPINE_COLUMNS.map((name) =>
      name === 'released' || name === 'received' ? 'date[]' : 'text[]',
    );
    const arrays = types.map((type, i) => `$${i + 1}::${type}`).join(', ');
    return {
      sql: `cohort AS MATERIALIZED (SELECT c.*, (c.ordinality - 1)::int AS cell
        FROM unnest(${arrays}) WITH ORDINALITY AS c(${names.join(', ')}, ordinality))`,
      parameters: SPINE_COLUMNS.map((name) => spine[name]),
    };
  }
  const rows = spine.personKey.map((_key, i) => SPINE_COLUMNS.map((name) => spine[name][i]));
  const columns = names.map((name, i) => `value ->> ${i} AS ${name}`).join(', ');
  return {
    sql: `cohort AS MATERIALIZED (SELECT ${columns}, CAST(key AS INTEGER) AS cell
      FROM json_each(?))`,
    parameters: [JSON.stringify(rows)],
  };
}

/** A controller's measures of a release: how it works them out, and what it calls them. */
export interface ReleaseMeasures {
  /**
   * CTEs, each after a comma, that end in `releases`: one row per (cell, person_key, released)
   * of `cohort`, with a 0/1 column per count and a number (or NULL) per median.
   */
  sql: (engine: Engine) => string;
  counts: readonly string[];
  medians: readonly string[];
}

/**
 * Works out the measures of each release in the spine and keeps them, with the spine's columns,
 * as release facts of the snapshot: one statement. A release already in the snapshot (a person's
 * two records released the same day) counts once.
 */
export async function putReleaseFacts(
  database: DataSource,
  measures: ReleaseMeasures,
  snapshot: number,
  spine: ReleaseSpine,
): Promise<number> {
  const engine = engineOf(database);
  const source = spineCohort(engine, spine);
  const kept = [...SPINE_COLUMNS.map((name) => FACT_COLUMN[name]), 'snapshot'];
  const measured = [...measures.counts, ...measures.medians];
  const at = parameter(engine, source.parameters.length + 1);
  const sql = `WITH ${source.sql}${measures.sql(engine)}
    INSERT INTO release_fact (${[...kept, ...measured].join(', ')})
    SELECT ${[...kept.slice(0, -1).map((name) => `c.${name}`), at, ...measured.map((name) => `r.${name}`)].join(', ')}
    FROM releases r JOIN cohort c ON c.cell = r.cell WHERE TRUE
    ON CONFLICT DO NOTHING`;
  await database.query(sql, [...source.parameters, snapshot]);
  return spine.personKey.length;
}

/** Removes every snapshot but those named. */
export async function pruneReleaseFacts(database: DataSource, keep: number[]): Promise<number> {
  if (!keep.length) throw badUserInput('keep', 'Name at least one snapshot to keep.');
  const result = await database
    .createQueryBuilder()
    .delete()
    .from('release_fact')
    .where('snapshot NOT IN (:...keep)', { keep })
    .execute();
  return result.affected ?? 0;
}

const median = (engine: Engine, name: string) =>
  engine === 'postgres'
    ? `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${name})`
    : `percentile_cont(${name}, 0.5)`;

/**
 * A snapshot's releases in the period that fit the filter, counted per group and in total, in
 * one statement over the kept facts. Rows come back with their group's values, the total's cell
 * being TOTAL_CELL and every group's 0.
 */
export async function factCounts(
  database: DataSource,
  measures: ReleaseMeasures,
  snapshot: number,
  filter: FactFilter,
  groupBy: readonly FactGroup[],
): Promise<(CohortCount & { group: string[] })[]> {
  const engine = engineOf(database);
  const values: unknown[] = [snapshot, filter.from, filter.to];
  const at = (n: number) => parameter(engine, n);
  const where = [`snapshot = ${at(1)}`, `released >= ${at(2)}`, `released <= ${at(3)}`];
  for (const name of FACT_FILTERS) {
    const value = filter[name];
    if (value == null) continue;
    values.push(value);
    where.push(`${FACT_COLUMN[name]} = ${at(values.length)}`);
  }
  const groups = groupBy.map((name) => FACT_COLUMN[name]);
  const aggregates = [
    ...measures.counts.map((name) => `SUM(${name}) AS ${name}`),
    ...measures.medians.flatMap((name) => [
      `${median(engine, name)} AS ${name}_median`,
      `COUNT(${name}) AS ${name}_n`,
    ]),
  ].join(', ');
  const from = `FROM release_fact WHERE ${where.join(' AND ')}`;
  const perGroup = groups.length
    ? `SELECT 0 AS cell, ${groups.join(', ')}, ${aggregates} ${from} GROUP BY ${groups.join(', ')}
       UNION ALL `
    : '';
  const total = `SELECT ${TOTAL_CELL} AS cell, ${groups.map((name) => `NULL AS ${name}`).join(', ')}${groups.length ? ', ' : ''}${aggregates} ${from}`;
  const sql = perGroup + total;
  // SQLite binds by position: the WHERE's values once for each SELECT.
  const bound = engine === 'postgres' ? values : groups.length ? [...values, ...values] : values;
  const rows = (await database.query(sql, bound)) as Record<string, unknown>[];
  const counted = cellCounts(rows, measures.counts, measures.medians);
  return counted.map((count, i) => ({
    ...count,
    group: groups.map((name) => String(rows[i][name] ?? '')),
  }));
}
