import type { DataSource } from 'typeorm';
import { engineOf, parameter } from '../../../lib/audit/sql';
import { ageBand } from '../../../lib/reporting/age-band';
import type { ReleaseMeasures, ReleaseSpine } from '../../../lib/reporting/release-facts';
import {
  type CohortColumns,
  type CohortCount,
  cellCounts,
  cohortTable,
  countsPerCell,
  flag,
} from '../../../lib/reporting/cohort';

/** Who a cohort is: releases in a period, narrowed by what MoJ holds about them. */
export interface ReleaseFilter {
  from: string;
  to: string;
  establishment?: string | null;
  region?: string | null;
  sex?: string | null;
  releaseType?: string | null;
  ageBand?: string | null;
}

/** A cohort's releases, column by column, with what a report groups them by. */
export type ReleaseCohortColumns = ReleaseSpine;

const COLUMNS = `k.person_key AS "personKey",
  CAST(p.release_date AS VARCHAR(10)) AS released, CAST(p.reception_date AS VARCHAR(10)) AS received,
  e.name AS establishment, e.code AS "establishmentCode", e.region AS region, pr.sex AS sex, p.release_type AS "releaseType",
  CAST(pr.date_of_birth AS VARCHAR(10)) AS born`;

/**
 * Every release in the period that fits the filter, one row each, the person named by their
 * reporting key: the first step of a cohort report. A prisoner identity has not yet given a key
 * to is left out (a brand-new record, until the next link).
 */
export async function releaseCohort(
  database: DataSource,
  filter: ReleaseFilter,
): Promise<ReleaseCohortColumns> {
  const engine = engineOf(database);
  const values: unknown[] = [filter.from, filter.to];
  const where = [
    'p.release_date >= ' + parameter(engine, 1),
    'p.release_date <= ' + parameter(engine, 2),
  ];
  const narrow = (column: string, value: string | null | undefined) => {
    if (!value) return;
    values.push(value);
    where.push(`${column} = ${parameter(engine, values.length)}`);
  };
  narrow('e.code', filter.establishment);
  narrow('e.region', filter.region);
  narrow('pr.sex', filter.sex);
  narrow('p.release_type', filter.releaseType);
  const rows = (await database.query(
    `SELECT ${COLUMNS} FROM custody_period p
       JOIN prisoner pr ON pr.prison_number = p.prison_number
       JOIN establishment e ON e.code = p.establishment_code
       JOIN reporting_key k ON k.record_kind = 'MOJ_PRISONER' AND k.record_id = p.prison_number
     WHERE ${where.join(' AND ')}`,
    values,
  )) as (Record<keyof ReleaseCohortColumns, string> & { born: string })[];
  return columnsOf(rows, filter.ageBand ?? null);
}

function columnsOf(
  rows: (Record<keyof ReleaseCohortColumns, string> & { born: string })[],
  onlyBand: string | null,
): ReleaseCohortColumns {
  const columns: ReleaseCohortColumns = {
    personKey: [],
    released: [],
    received: [],
    month: [],
    establishment: [],
    establishmentCode: [],
    region: [],
    sex: [],
    ageBand: [],
    releaseType: [],
  };
  for (const row of rows) {
    const band = ageBand(row.born, row.released);
    if (onlyBand && band !== onlyBand) continue;
    columns.personKey.push(row.personKey);
    columns.released.push(row.released);
    columns.received.push(row.received);
    columns.month.push(row.released.slice(0, 7));
    columns.establishment.push(row.establishment);
    columns.establishmentCode.push(row.establishmentCode);
    columns.region.push(row.region);
    columns.sex.push(row.sex);
    columns.ageBand.push(band);
    columns.releaseType.push(row.releaseType ?? 'UNKNOWN');
  }
  return columns;
}

export const MOJ_COUNTS = [
  'release_count',
  'rotl_paid_work',
  'employed_at_6_weeks',
  'ete_known_at_6_weeks',
  'employed_at_6_months',
  'ete_known_at_6_months',
] as const;

const EMPLOYED = `('EMPLOYED', 'SELF_EMPLOYED')`;
/** HMPPS's denominator: a known status, and available for work. */
const KNOWN = `('EMPLOYED', 'SELF_EMPLOYED', 'EDUCATION_OR_TRAINING', 'UNEMPLOYED')`;

const ete = (column: string, statuses: string) =>
  `MAX(${flag(`h.latest = 1 AND pr.${column} IN ${statuses}`)})`;

// The custody period a release ends is found by its reception date: the index holds it.
const measuresSql = () => `,
    held AS MATERIALIZED (SELECT c.cell, c.person_key, c.released, c.received,
        k.record_id AS prison_number,
        ${flag(`NOT EXISTS (SELECT 1 FROM custody_period later
          WHERE later.prison_number = k.record_id AND later.release_date > c.released)`)} AS latest
      FROM cohort c LEFT JOIN reporting_key k
        ON k.person_key = c.person_key AND k.record_kind = 'MOJ_PRISONER'),
    releases AS MATERIALIZED (SELECT h.cell, h.person_key, h.released, 1 AS release_count,
      MAX(${flag('t.id IS NOT NULL')}) AS rotl_paid_work,
      ${ete('ete_status_at_6_weeks', EMPLOYED)} AS employed_at_6_weeks,
      ${ete('ete_status_at_6_weeks', KNOWN)} AS ete_known_at_6_weeks,
      ${ete('ete_status_at_6_months', EMPLOYED)} AS employed_at_6_months,
      ${ete('ete_status_at_6_months', KNOWN)} AS ete_known_at_6_months
      FROM held h
        LEFT JOIN custody_period p
          ON p.prison_number = h.prison_number AND p.reception_date = h.received
        LEFT JOIN release_on_temporary_licence t ON t.custody_period_id = p.id AND t.paid = TRUE
        LEFT JOIN reporting_key pk
          ON pk.person_key = h.person_key AND pk.record_kind = 'MOJ_PROBATION_CASE'
        LEFT JOIN probation_case pr ON pr.crn = pk.record_id
      GROUP BY h.cell, h.person_key, h.released)`;

/**
 * What MoJ counts of a release: the release; paid work on temporary licence during the custody
 * period it ends; in employment 6 weeks and 6 months after release as probation recorded it (for
 * the person's latest release, which the probation case follows), with the known-and-available
 * denominator beside each.
 */
export const MOJ_MEASURES: ReleaseMeasures = { sql: measuresSql, counts: MOJ_COUNTS, medians: [] };

/** MoJ's counts of a cohort per cell, in one statement. */
export async function custodyCohortCounts(
  database: DataSource,
  cohort: CohortColumns,
): Promise<CohortCount[]> {
  const source = cohortTable(database, cohort);
  const rows = (await database.query(
    `WITH ${source.sql}${measuresSql()}${countsPerCell(MOJ_COUNTS, [])}`,
    source.parameters,
  )) as Record<string, unknown>[];
  return cellCounts(rows, MOJ_COUNTS, []);
}

/** The first and last release dates MoJ holds, YYYY-MM-DD; null when none. */
export async function releasePeriod(database: DataSource): Promise<string[]> {
  const [row] = (await database.query(
    `SELECT CAST(MIN(release_date) AS VARCHAR(10)) AS first,
       CAST(MAX(release_date) AS VARCHAR(10)) AS last FROM custody_period`,
  )) as { first: string | null; last: string | null }[];
  return row?.first && row.last ? [row.first, row.last] : [];
}
