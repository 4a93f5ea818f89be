import type { DataSource } from 'typeorm';
import { engineOf } from '../../../lib/audit/sql';
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

/**
 * What DWP counts of a cohort, in one statement: Universal Credit claims made from reception
 * to release, and by 7 and 28 days after it; days from release to the first payment of such a
 * claim; a job start within 13 weeks of release, and a job started within 26 weeks sustained
 * for 13 and for 26 weeks.
 */
export async function claimantCohortCounts(
  database: DataSource,
  cohort: CohortColumns,
): Promise<CohortCount[]> {
  const engine = engineOf(database);
  const source = cohortTable(database, cohort);
  const after = (days: number) => plusDays(engine, 'h.released', days);
  const claim = (until: string, extra = '') =>
    `EXISTS (SELECT 1 FROM benefit_claim b WHERE b.nino = h.nino
       AND b.benefit = 'UNIVERSAL_CREDIT' AND b.claim_date >= h.received
       AND b.claim_date ${until}${extra})`;
  const job = (within: number, sustained?: string) =>
    `EXISTS (SELECT 1 FROM employment_outcome o WHERE o.nino = h.nino
       AND o.job_start_date >= h.released AND o.job_start_date <= ${after(within)}
       ${sustained ? `AND o.${sustained} = TRUE` : ''})`;
  const sql = `WITH ${source.sql},
    held AS MATERIALIZED (SELECT c.cell, c.person_key, c.released, c.received, k.record_id AS nino
      FROM cohort c LEFT JOIN reporting_key k
        ON k.person_key = c.person_key AND k.record_kind = 'DWP_CLAIMANT'),
    releases AS MATERIALIZED (SELECT h.cell, h.person_key, h.released,
      MAX(${flag(claim('< h.released'))}) AS uc_claim_before_release,
      MAX(${flag(claim(`<= ${after(7)}`))}) AS uc_claim_within_7_days,
      MAX(${flag(claim(`<= ${after(28)}`))}) AS uc_claim_within_28_days,
      MIN((SELECT MIN(${daysFrom(engine, 'h.released', 'b.first_payment_date')})
        FROM benefit_claim b WHERE b.nino = h.nino AND b.benefit = 'UNIVERSAL_CREDIT'
          AND b.claim_date >= h.received AND b.claim_date <= ${after(28)}
          AND b.first_payment_date >= h.released)) AS days_to_first_payment,
      MAX(${flag(job(91))}) AS job_start_within_13_weeks,
      MAX(${flag(job(182, 'sustained_13_weeks'))}) AS job_sustained_13_weeks,
      MAX(${flag(job(182, 'sustained_26_weeks'))}) AS job_sustained_26_weeks
      FROM held h GROUP BY h.cell, h.person_key, h.released)
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
