import { setImmediate } from 'node:timers/promises';
import { ErrorCode, hubError } from '../../../lib/errors';
import { type CohortCount, TOTAL_CELL } from '../../../lib/reporting/cohort';
import type { FactGroup } from '../../../lib/reporting/release-facts';
import { Controller } from '../person-view/controller-facts';
import { SUBGRAPH, period } from './cohort';
import { type CohortCells, compareGroups } from './cohort-cells';
import { CohortDimension, type CohortFilter } from './cohort-outcomes.type';
import type { ReleaseSnapshots } from './release-snapshots';
import type { SnapshotSpine } from './release-spine';
import type { AskController } from './reporting-calls';

const FACT_GROUP: Partial<Record<CohortDimension, FactGroup>> = {
  [CohortDimension.MONTH]: 'month',
  [CohortDimension.ESTABLISHMENT]: 'establishment',
  [CohortDimension.REGION]: 'region',
  [CohortDimension.SEX]: 'sex',
  [CohortDimension.AGE_BAND]: 'ageBand',
};

/** A question a snapshot answers: one that needs no charity service or DWP programme. */
export const countableFromSnapshot = (
  filter: CohortFilter,
  groupBy: CohortDimension[],
  compared: string | null,
) => !filter.service && !filter.programme && !compared && groupBy.every((d) => FACT_GROUP[d]);

const COUNTS = `query ($snapshot: Int!, $from: String!, $to: String!, $establishmentCode: String,
    $region: String, $sex: String, $releaseType: String, $ageBand: String, $groupBy: [String!]!) {
  releaseFactCounts(snapshot: $snapshot, from: $from, to: $to,
    establishmentCode: $establishmentCode, region: $region, sex: $sex,
    releaseType: $releaseType, ageBand: $ageBand, groupBy: $groupBy) {
    cell group counts medians } }`;

type GroupCount = CohortCount & { group: string[] };

const groupKey = (values: readonly (string | null | undefined)[]) =>
  values.map((value) => value ?? '').join('\u001f');

/**
 * A question counted from the snapshot: identity's spine says which releases are in each cell,
 * and each controller groups the facts it keeps for the snapshot the same way. Controllers that
 * could not answer are null, as in a live count.
 */
export async function snapshotCounts(
  ask: AskController,
  snapshots: ReleaseSnapshots,
  spine: SnapshotSpine,
  filter: CohortFilter,
  groupBy: CohortDimension[],
) {
  const { from, to } = period(filter);
  const narrowing = {
    region: filter.region ?? null,
    sex: filter.sex ?? null,
    releaseType: filter.releaseType ?? null,
    ageBand: filter.ageBand ?? null,
  };
  const columns = groupBy.map((dimension) => FACT_GROUP[dimension] as FactGroup);
  const variables = {
    snapshot: spine.snapshot,
    from: filter.releasedFrom,
    to: filter.releasedTo,
    establishmentCode: filter.establishment ?? null,
    ...narrowing,
    groupBy: columns,
  };
  // The controllers count while identity works out who is in each cell: the questions are sent
  // (a turn of the event loop) before that starts.
  const asking = Promise.allSettled(
    Object.values(Controller).map((controller) =>
      ask<{ releaseFactCounts: GroupCount[] }>(SUBGRAPH[controller], COUNTS, variables),
    ),
  );
  await setImmediate();
  const chosen = spine.select(
    { from, to, where: { establishmentCode: filter.establishment ?? null, ...narrowing } },
    columns,
  );
  const cells: CohortCells = {
    cells: chosen.groups
      .map(({ values, positions }) => ({
        group: Object.fromEntries(groupBy.map((dimension, i) => [dimension, values[i]])),
        positions,
      }))
      .sort((a, b) => compareGroups(a.group, b.group)),
    total: chosen.total,
  };
  const releases = { ...spine.releases, memberHashes: spine.memberHashes };
  const asked = await asking;
  const counted = new Map<Controller, CohortCount[] | null>();
  Object.values(Controller).forEach((controller, i) => {
    const result = asked[i];
    counted.set(
      controller,
      result.status === 'fulfilled'
        ? byCell(result.value.releaseFactCounts, cells, groupBy, snapshots)
        : null,
    );
  });
  inStep(counted.get(Controller.MOJ), cells.total.length, snapshots);
  return { releases, cells, counted };
}

/** A controller's groups as identity's cells; a group identity does not know is out of step. */
function byCell(
  rows: GroupCount[],
  { cells }: CohortCells,
  groupBy: CohortDimension[],
  snapshots: ReleaseSnapshots,
): CohortCount[] {
  const index = new Map(
    cells.map((cell, at) => [groupKey(groupBy.map((dimension) => cell.group[dimension])), at]),
  );
  if (!groupBy.length) {
    // Ungrouped, the table's one row is its total.
    const total = rows.filter((row) => row.cell === TOTAL_CELL);
    return [...total, ...(cells.length ? total.map((row) => ({ ...row, cell: 0 })) : [])];
  }
  return rows.map(({ group, ...count }) => {
    if (count.cell === TOTAL_CELL) return count;
    const at = index.get(groupKey(group));
    if (at === undefined) throw outOfStep(snapshots);
    return { ...count, cell: at };
  });
}

/** MoJ's facts count each of the spine's releases once, or the two are out of step. */
function inStep(
  moj: CohortCount[] | null | undefined,
  releases: number,
  snapshots: ReleaseSnapshots,
): void {
  const total = moj?.find((row) => row.cell === TOTAL_CELL);
  if (!moj || !total) return;
  const counts = JSON.parse(total.counts) as { release_count: number };
  if (counts.release_count !== releases) throw outOfStep(snapshots);
}

function outOfStep(snapshots: ReleaseSnapshots) {
  snapshots.markBroken();
  return hubError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    'The figures are being brought up to date with the records: try again in a few minutes.',
    { services: [Controller.MOJ] },
  );
}
