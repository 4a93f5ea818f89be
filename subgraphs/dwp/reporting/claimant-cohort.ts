import type { DataSource } from 'typeorm';
import { type Engine, engineOf } from '../../../lib/audit/sql';
import type { ReleaseMeasures } from '../../../lib/reporting/release-facts';
import {
  type CohortColumns,
  type CohortCount,
  cellCounts,
  cohortTable,
  countsPerCell,
  daysFrom,
  flag,
  plusDays,
} from '../../../lib/reporting/cohort';

export const DWP_COUNTS = [
  'uc_claim_before_release',
  'uc_claim_within_7_days',
  'uc_claim_within_28_days',
  'job_start_within_13_weeks',
  'job_sustained_13_weeks',
  'job_sustained_26_weeks',
] as const;
export const DWP_MEDIANS = ['days_to_first_payment'] as const;

const measuresSql = (engine: Engine) => {
  const after = (days: number) => plusDays(engine, 'h.released', days);
  // One pass over each person's claims and one over their jobs, each a join: a correlated
  // lookup per measure cost seven index probes a release.
  const claimBy = (until: string) => `MAX(${flag(`b.claim_date ${until}`)})`;
  const startedBy = (days: number) => `MAX(${flag(`o.job_start_date <= ${after(days)}`)})`;
  const sustainedJob = (column: string) => `MAX(${flag(`o.${column} = TRUE`)})`;
  return `,
    held AS MATERIALIZED (SELECT c.cell, c.person_key, c.released, c.received, k.record_id AS nino
      FROM cohort c LEFT JOIN reporting_key k
        ON k.person_key = c.person_key AND k.record_kind = 'DWP_CLAIMANT'),
    claims AS MATERIALIZED (SELECT h.cell, h.person_key, h.released,
      ${claimBy('< h.released')} AS uc_claim_before_release,
      ${claimBy(`<= ${after(7)}`)} AS uc_claim_within_7_days,
      ${claimBy(`<= ${after(28)}`)} AS uc_claim_within_28_days,
      MIN(CASE WHEN b.claim_date <= ${after(28)} AND b.first_payment_date >= h.released
        THEN ${daysFrom(engine, 'h.released', 'b.first_payment_date')} END) AS days_to_first_payment
      FROM held h LEFT JOIN benefit_claim b ON b.nino = h.nino
        AND b.benefit = 'UNIVERSAL_CREDIT' AND b.claim_date >= h.received
      GROUP BY h.cell, h.person_key, h.released),
    jobs AS MATERIALIZED (SELECT h.cell, h.person_key, h.released,
      ${startedBy(91)} AS job_start_within_13_weeks,
      ${sustainedJob('sustained_13_weeks')} AS job_sustained_13_weeks,
      ${sustainedJob('sustained_26_weeks')} AS job_sustained_26_weeks
      FROM held h LEFT JOIN employment_outcome o ON o.nino = h.nino
        AND o.job_start_date >= h.released AND o.job_start_date <= ${after(182)}
      GROUP BY h.cell, h.person_key, h.released),
    releases AS MATERIALIZED (SELECT c.*, j.job_start_within_13_weeks, j.job_sustained_13_weeks,
        j.job_sustained_26_weeks
      FROM claims c JOIN jobs j ON j.cell = c.cell AND j.person_key = c.person_key
        AND j.released = c.released)`;
};

/**
 * What DWP counts of a release: Universal Credit claims made from reception to release, and by
 * 7 and 28 days after it; days from release to the first payment of such a claim; a job start
 * within 13 weeks of release, and a job started within 26 weeks sustained for 13 and 26 weeks.
 */
export const DWP_MEASURES: ReleaseMeasures = {
  sql: measuresSql,
  counts: DWP_COUNTS,
  medians: DWP_MEDIANS,
};

/** DWP's counts of a cohort per cell, in one statement. */
export async function claimantCohortCounts(
  database: DataSource,
  cohort: CohortColumns,
): Promise<CohortCount[]> {
  const source = cohortTable(database, cohort);
  const sql = `WITH ${source.sql}${measuresSql(engineOf(database))}
    ${countsPerCell(DWP_COUNTS, DWP_MEDIANS)}`;
  const rows = (await database.query(sql, source.parameters)) as Record<string, unknown>[];
  return cellCounts(rows, DWP_COUNTS, DWP_MEDIANS);
}

/**
 * Which releases of a cohort (by position) were followed by a referral to the programme, from
 * reception to 26 weeks after release.
 */
export async function programmeParticipants(
  database: DataSource,
  cohort: CohortColumns,
  programme: string,
): Promise<number[]> {
  const engine = engineOf(database);
  const source = cohortTable(database, { ...cohort, cell: cohort.cell.map((_c, i) => i) });
  const place = engine === 'postgres' ? `$${source.parameters.length + 1}` : '?';
  const sql = `WITH ${source.sql}
    SELECT DISTINCT c.cell AS position FROM cohort c
    JOIN reporting_key k ON k.person_key = c.person_key AND k.record_kind = 'DWP_CLAIMANT'
    JOIN programme_referral r ON r.nino = k.record_id
    WHERE r.programme = ${place} AND r.referred_on >= c.received
      AND r.referred_on <= ${plusDays(engine, 'c.released', 182)}`;
  const rows = (await database.query(sql, [...source.parameters, programme])) as {
    position: number | string;
  }[];
  return rows.map((row) => Number(row.position));
}
