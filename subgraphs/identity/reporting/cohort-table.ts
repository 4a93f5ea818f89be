import { memberHash } from '../../../lib/disclosure/differencing-guard';
import type { DisclosureRules } from '../../../lib/disclosure/rules';
import type {
  ProtectedCell,
  ProtectedTable,
  ProtectedValue,
  RawCell,
  RawTable,
} from '../../../lib/disclosure/table';
import { type CohortCount, TOTAL_CELL } from '../../../lib/reporting/cohort';
import { Controller } from '../person-view/controller-facts';
import type { Cell, CohortCells } from './cohort-cells';
import type { Releases } from './cohort';
import {
  type CohortDimension,
  type CohortOutcomeRow,
  type CohortOutcomes,
  type EmploymentShare,
  type ShareOfReleases,
  type SuppressionReason,
} from './cohort-outcomes.type';

interface Measure {
  name: string;
  controller: Controller;
  denominator?: string;
}

const share = (name: string, controller: Controller): Measure => ({
  name,
  controller,
  denominator: 'release_count',
});

/** Every count a cohort table holds, the controller that counts it, and what it is a share of. */
export const COHORT_MEASURES: Measure[] = [
  { name: 'release_count', controller: Controller.MOJ },
  share('rotl_paid_work', Controller.MOJ),
  { name: 'employed_at_6_weeks', controller: Controller.MOJ, denominator: 'ete_known_at_6_weeks' },
  { name: 'ete_known_at_6_weeks', controller: Controller.MOJ },
  {
    name: 'employed_at_6_months',
    controller: Controller.MOJ,
    denominator: 'ete_known_at_6_months',
  },
  { name: 'ete_known_at_6_months', controller: Controller.MOJ },
  share('uc_claim_before_release', Controller.DWP),
  share('uc_claim_within_7_days', Controller.DWP),
  share('uc_claim_within_28_days', Controller.DWP),
  share('job_start_within_13_weeks', Controller.DWP),
  share('job_sustained_13_weeks', Controller.DWP),
  share('job_sustained_26_weeks', Controller.DWP),
  share('referred_before_release', Controller.VCS),
  share('engaged_4_weeks_before_release', Controller.VCS),
];
const MEDIANS = [{ name: 'days_to_first_payment', controller: Controller.DWP }];

type Counted = Map<Controller, CohortCount[] | null>;

/** The exact table, before disclosure control: it never leaves this service. */
export function rawTable(
  releases: Releases,
  groupBy: string[],
  { cells, total }: CohortCells,
  counted: Counted,
): RawTable {
  const answered = (m: { controller: Controller }) => counted.get(m.controller) !== null;
  const byCell = new Map<number, { counts: Record<string, number>; medians: RawCell['medians'] }>();
  for (const rows of counted.values()) {
    for (const row of rows ?? []) {
      const held = byCell.get(row.cell) ?? { counts: {}, medians: {} };
      Object.assign(held.counts, JSON.parse(row.counts));
      Object.assign(held.medians, JSON.parse(row.medians));
      byCell.set(row.cell, held);
    }
  }
  // A controller that answered sends no row for a cell it counted nothing in (an empty cohort's
  // total, say): there, each of its counts is zero.
  const zeros = Object.fromEntries(COHORT_MEASURES.filter(answered).map(({ name }) => [name, 0]));
  const rawCell = (group: RawCell['group'], index: number, positions: number[]): RawCell => ({
    group,
    counts: { ...zeros, ...byCell.get(index)?.counts },
    medians: byCell.get(index)?.medians ?? {},
    members: positions.map(
      (at) =>
        releases.memberHashes?.[at] ??
        memberHash(`${releases.personKey[at]}|${releases.released[at]}`),
    ),
  });
  return {
    dimensions: [...groupBy],
    counts: COHORT_MEASURES.filter(answered).map(({ name, denominator }) => ({
      name,
      denominator,
    })),
    medians: MEDIANS.filter(answered).map(({ name }) => ({ name })),
    rows: cells.map((cell, index) => rawCell(groupOf(cell), index, cell.positions)),
    total: rawCell({}, TOTAL_CELL, total),
  };
}

const groupOf = (cell: Cell): Record<string, string> =>
  Object.fromEntries(Object.entries(cell.group).map(([k, v]) => [k, v ?? '']));

/** The controllers that could not count. */
export const unavailableIn = (counted: Counted): Controller[] =>
  [...counted].filter(([, rows]) => rows === null).map(([controller]) => controller);

/** The protected table in the schema's terms. */
export function present(
  table: ProtectedTable,
  groupBy: CohortDimension[],
  rules: DisclosureRules,
  counted: Counted,
): CohortOutcomes {
  const unavailableFrom = unavailableIn(counted);
  const row = (cell: ProtectedCell) => outcomeRow(cell, unavailableFrom);
  return {
    groupBy,
    rows: table.rows.map(row),
    total: row(table.total),
    disclosure: { threshold: rules.threshold, base: rules.base },
    unavailableFrom,
  };
}

/** One protected cell as a row of outcomes; a controller's measures null if it did not count. */
export function outcomeRow(cell: ProtectedCell, unavailableFrom: Controller[]): CohortOutcomeRow {
  const has = (controller: Controller) => !unavailableFrom.includes(controller);
  const shareOf = (name: string, controller: Controller): ShareOfReleases | null =>
    has(controller) ? { count: count(cell.counts[name]), rate: rate(cell.rates[name]) } : null;
  const employment = (at: string): EmploymentShare | null =>
    has(Controller.MOJ)
      ? {
          employed: count(cell.counts[`employed_at_${at}`]),
          knownAndAvailable: count(cell.counts[`ete_known_at_${at}`]),
          rate: rate(cell.rates[`employed_at_${at}`]),
        }
      : null;
  const median = cell.medians.days_to_first_payment;
  return {
    group: {
      month: cell.group.MONTH || null,
      establishment: cell.group.ESTABLISHMENT || null,
      region: cell.group.REGION || null,
      sex: cell.group.SEX || null,
      ageBand: (cell.group.AGE_BAND || null) as CohortOutcomeRow['group']['ageBand'],
      service: (cell.group.SERVICE || null) as CohortOutcomeRow['group']['service'],
    },
    released: count(cell.counts.release_count),
    ucClaimBeforeRelease: shareOf('uc_claim_before_release', Controller.DWP),
    ucClaimWithin7Days: shareOf('uc_claim_within_7_days', Controller.DWP),
    ucClaimWithin28Days: shareOf('uc_claim_within_28_days', Controller.DWP),
    medianDaysToFirstPayment: median ? { days: median.value, suppressed: reason(median) } : null,
    referredBeforeRelease: shareOf('referred_before_release', Controller.VCS),
    engagedFourWeeksBeforeRelease: shareOf('engaged_4_weeks_before_release', Controller.VCS),
    rotlPaidWork: shareOf('rotl_paid_work', Controller.MOJ),
    employedAt6Weeks: employment('6_weeks'),
    employedAt6Months: employment('6_months'),
    jobStartWithin13Weeks: shareOf('job_start_within_13_weeks', Controller.DWP),
    jobSustained13Weeks: shareOf('job_sustained_13_weeks', Controller.DWP),
    jobSustained26Weeks: shareOf('job_sustained_26_weeks', Controller.DWP),
  };
}

const reason = (value: ProtectedValue) => value.suppressed as SuppressionReason | null;
const count = (value: ProtectedValue | undefined) => ({
  value: value?.value ?? null,
  suppressed: value ? reason(value) : null,
});
const rate = (value: ProtectedValue | undefined) => ({
  percent: value?.value ?? null,
  suppressed: value ? reason(value) : null,
});
