import type { DataSource } from 'typeorm';
import { type Engine, engineOf } from '../../../lib/audit/sql';
import type { ReleaseMeasures } from '../../../lib/reporting/release-facts';
import {
  type CohortColumns,
  type CohortCount,
  cellCounts,
  cohortTable,
  countsPerCell,
  flag,
  plusDays,
} from '../../../lib/reporting/cohort';

export const VCS_COUNTS = ['referred_before_release', 'engaged_4_weeks_before_release'] as const;

/** A support record counts only while its person has not withdrawn consent to support. */
const CONSENTED = (record: string) => `NOT EXISTS (SELECT 1 FROM consent
  WHERE consent.support_record_id = ${record} AND consent.scope = 'EMPLOYMENT_SUPPORT'
    AND consent.withdrawn_on IS NOT NULL)`;

// A join per kind of record, not a correlated lookup per measure.
const measuresSql = (engine: Engine) => `,
    held AS MATERIALIZED (SELECT c.cell, c.person_key, c.released, c.received, k.record_id AS record_id
      FROM cohort c LEFT JOIN reporting_key k ON k.person_key = c.person_key
        AND k.record_kind = 'VCS_SUPPORT_RECORD' AND ${CONSENTED('k.record_id')}),
    referred AS MATERIALIZED (SELECT h.cell, h.person_key, h.released,
        MAX(${flag('r.id IS NOT NULL')}) AS referred_before_release
      FROM held h LEFT JOIN referral r ON r.support_record_id = h.record_id
        AND r.referred_on >= h.received AND r.referred_on < h.released
      GROUP BY h.cell, h.person_key, h.released),
    engaged AS MATERIALIZED (SELECT h.cell, h.person_key, h.released,
        MAX(${flag('g.id IS NOT NULL')}) AS engaged_4_weeks_before_release
      FROM held h LEFT JOIN engagement g ON g.support_record_id = h.record_id
        AND g."date" >= h.received AND g."date" <= ${plusDays(engine, 'h.released', -28)}
      GROUP BY h.cell, h.person_key, h.released),
    releases AS MATERIALIZED (SELECT r.*, e.engaged_4_weeks_before_release
      FROM referred r JOIN engaged e ON e.cell = r.cell AND e.person_key = r.person_key
        AND e.released = r.released)`;

/**
 * What the charities count of a release: a referral to any of their services from reception to
 * the day before release, and an engagement from reception to 4 weeks before.
 */
export const VCS_MEASURES: ReleaseMeasures = { sql: measuresSql, counts: VCS_COUNTS, medians: [] };

/** The charities' counts of a cohort per cell, in one statement. */
export async function supportCohortCounts(
  database: DataSource,
  cohort: CohortColumns,
): Promise<CohortCount[]> {
  const source = cohortTable(database, cohort);
  const sql = `WITH ${source.sql}${measuresSql(engineOf(database))}
    ${countsPerCell(VCS_COUNTS, [])}`;
  const rows = (await database.query(sql, source.parameters)) as Record<string, unknown>[];
  return cellCounts(rows, VCS_COUNTS, []);
}

/** Which charity services each release of a cohort (by position) was followed by. */
export interface ServiceUse {
  position: number[];
  service: string[];
}

/**
 * The kinds of charity service each release's person was referred to, from reception to 26
 * weeks after release, each pair once.
 */
export async function serviceUsers(
  database: DataSource,
  cohort: CohortColumns,
): Promise<ServiceUse> {
  const engine = engineOf(database);
  const source = cohortTable(database, { ...cohort, cell: cohort.cell.map((_c, i) => i) });
  const rows = (await database.query(
    `WITH ${source.sql}
     SELECT DISTINCT c.cell AS position, s.kind AS service FROM cohort c
       JOIN reporting_key k ON k.person_key = c.person_key AND k.record_kind = 'VCS_SUPPORT_RECORD'
       JOIN referral r ON r.support_record_id = k.record_id
       JOIN charity_service s ON s.id = r.service_id
     WHERE r.referred_on >= c.received AND r.referred_on <= ${plusDays(engine, 'c.released', 182)}
       AND ${CONSENTED('k.record_id')}`,
    source.parameters,
  )) as { position: number | string; service: string }[];
  return {
    position: rows.map((row) => Number(row.position)),
    service: rows.map((row) => row.service),
  };
}
