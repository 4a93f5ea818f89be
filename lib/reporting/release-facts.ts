import type { DataSource } from 'typeorm';
import { type Engine, engineOf, parameter } from '../audit/sql';
import { badUserInput } from '../errors';
import { type CohortCount, TOTAL_CELL } from './cohort';

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

/** The spine's columns a report narrows or groups by: everything but who and when. */
export const GROUPING_COLUMNS = [
  'month',
  'establishment',
  'establishmentCode',
  'region',
  'sex',
  'ageBand',
  'releaseType',
] as const satisfies readonly (keyof ReleaseSpine)[];
export type GroupingColumn = (typeof GROUPING_COLUMNS)[number];

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
  /** First month of release, YYYY-MM. */
  from: string;
  /** Last month of release, YYYY-MM. */
  to: string;
};

const PERSON_KEY = /^[0-9a-f]{20,32}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

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
  const bad = spine.personKey.findIndex(
    (key, i) =>
      !PERSON_KEY.test(key) || !DAY.test(spine.released[i]) || !DAY.test(spine.received[i]),
  );
  if (bad >= 0) {
    throw badUserInput('releases', `Release ${bad} needs a person key and two dates, YYYY-MM-DD.`);
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

/** Removes every snapshot but those named, facts and summary; returns how many facts went. */
export async function pruneReleaseFacts(database: DataSource, keep: number[]): Promise<number> {
  if (!keep.length) throw badUserInput('keep', 'Name at least one snapshot to keep.');
  return database.transaction(async (manager) => {
    const prune = (table: string) =>
      manager
        .createQueryBuilder()
        .delete()
        .from(table)
        .where('snapshot NOT IN (:...keep)', { keep })
        .execute();
    await prune('release_cube');
    return (await prune('release_fact')).affected ?? 0;
  });
}

/** What a release_cube row is keyed by, beside the snapshot: every narrowing and grouping. */
const CUBE_KEYS = GROUPING_COLUMNS.map((name) => FACT_COLUMN[name]);

/**
 * Sums a complete snapshot's facts by every column a report narrows or groups by (and each
 * median's value) into release_cube: a year of a million people's releases, 400,000 facts, is a
 * few tens of thousands of rows there, and a report reads those. Returns how many rows.
 */
export async function summariseReleaseFacts(
  database: DataSource,
  measures: ReleaseMeasures,
  snapshot: number,
): Promise<number> {
  const engine = engineOf(database);
  const keys = [...CUBE_KEYS, ...measures.medians];
  const sums = measures.counts.map((name) => `SUM(${name})`);
  return database.transaction(async (manager) => {
    await manager.query(`DELETE FROM release_cube WHERE snapshot = ${parameter(engine, 1)}`, [
      snapshot,
    ]);
    await manager.query(
      `INSERT INTO release_cube (snapshot, ${[...keys, 'releases', ...measures.counts].join(', ')})
       SELECT snapshot, ${[...keys, 'COUNT(*)', ...sums].join(', ')} FROM release_fact
       WHERE snapshot = ${parameter(engine, 1)} GROUP BY snapshot, ${keys.join(', ')}`,
      [snapshot],
    );
    const [row] = (await manager.query(
      `SELECT COUNT(*) AS n FROM release_cube WHERE snapshot = ${parameter(engine, 1)}`,
      [snapshot],
    )) as { n: unknown }[];
    return Number(row.n);
  });
}

/**
 * A snapshot's releases in the months that fit the filter, counted per group and in total, in
 * one pass over the snapshot's summary (see summariseReleaseFacts): grouped by the report's
 * groups and by each median's value (a whole number of days), so that PostgreSQL hashes rather
 * than sorts, and the medians and the total are worked out here from what comes back. Rows come back with their group's values, the
 * total's cell being TOTAL_CELL and every group's 0.
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
  const where = [`snapshot = ${at(1)}`, `month >= ${at(2)}`, `month <= ${at(3)}`];
  for (const name of FACT_FILTERS) {
    const value = filter[name];
    if (value == null) continue;
    values.push(value);
    where.push(`${FACT_COLUMN[name]} = ${at(values.length)}`);
  }
  const groups = groupBy.map((name) => FACT_COLUMN[name]);
  const keys = [...groups, ...measures.medians];
  const sums = ['releases', ...measures.counts].map((name) => `SUM(${name}) AS ${name}`);
  const rows = (await database.query(
    `SELECT ${[...keys, ...sums].join(', ')}
     FROM release_cube WHERE ${where.join(' AND ')}
     ${keys.length ? `GROUP BY ${keys.join(', ')}` : ''}`,
    values,
  )) as Record<string, unknown>[];
  const tallies = new Map<string, GroupTally>();
  const total = new GroupTally([]);
  for (const row of rows) {
    const group = groups.map((name) => (row[name] == null ? '' : String(row[name])));
    const key = group.join('\u001f');
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = new GroupTally(group)));
    tally.add(row, measures);
    total.add(row, measures);
  }
  return [
    ...(groups.length ? [...tallies.values()].map((tally) => tally.count(0, measures)) : []),
    total.count(TOTAL_CELL, measures),
  ];
}

/** One group's counts, and for each median how many releases had each value. */
class GroupTally {
  private readonly counts = new Map<string, number>();
  private readonly histograms = new Map<string, Map<number, number>>();

  constructor(readonly group: string[]) {}

  add(row: Record<string, unknown>, measures: ReleaseMeasures): void {
    for (const name of measures.counts) {
      this.counts.set(name, (this.counts.get(name) ?? 0) + Number(row[name] ?? 0));
    }
    for (const name of measures.medians) {
      if (row[name] == null) continue;
      const histogram = this.histograms.get(name) ?? new Map<number, number>();
      const value = Number(row[name]);
      histogram.set(value, (histogram.get(value) ?? 0) + Number(row.releases));
      this.histograms.set(name, histogram);
    }
  }

  count(cell: number, measures: ReleaseMeasures): CohortCount & { group: string[] } {
    const counts = Object.fromEntries(measures.counts.map((n) => [n, this.counts.get(n) ?? 0]));
    const medians = Object.fromEntries(
      measures.medians.map((name) => [name, medianOf(this.histograms.get(name))]),
    );
    return {
      cell,
      group: this.group,
      counts: JSON.stringify(counts),
      medians: JSON.stringify(medians),
    };
  }
}

/** The median of values given as value → how many, as { value, n }: the middle two averaged. */
export function medianOf(histogram: Map<number, number> | undefined): {
  value: number | null;
  n: number;
} {
  const entries = [...(histogram ?? new Map<number, number>())].sort(([a], [b]) => a - b);
  const n = entries.reduce((sum, [, count]) => sum + count, 0);
  if (!n) return { value: null, n: 0 };
  const nth = (position: number) => {
    let seen = 0;
    for (const [value, count] of entries) {
      seen += count;
      if (position < seen) return value;
    }
    return entries[entries.length - 1][0];
  };
  return { value: (nth(Math.floor((n - 1) / 2)) + nth(Math.floor(n / 2))) / 2, n };
}
