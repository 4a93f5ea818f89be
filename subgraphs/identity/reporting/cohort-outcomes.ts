import { createHash } from 'node:crypto';
import { DifferencingGuard } from '../../../lib/disclosure/differencing-guard';
import { protect } from '../../../lib/disclosure/protect';
import type { DisclosureRules } from '../../../lib/disclosure/rules';
import type { ProtectedTable, RawCell, RawTable } from '../../../lib/disclosure/table';
import { badUserInput } from '../../../lib/errors';
import type { ServiceKind } from '../caseload/caseload.type';
import { Controller } from '../person-view/controller-facts';
import { countsOf, programmeOf, releasesOf, servicesOf, unavailable } from './cohort';
import { COMPARISON, cohortCells, cohortColumns } from './cohort-cells';
import {
  CohortDimension,
  type CohortFilter,
  type CohortOutcomeRow,
  type CohortOutcomes,
  type ServiceComparison,
  type ServiceComparisonRow,
} from './cohort-outcomes.type';
import { outcomeRow, present, rawTable, unavailableIn } from './cohort-table';
import type { ReleaseSnapshots } from './release-snapshots';
import { sharedWhileRunning } from './shared-while-running';
import type { AskController } from './reporting-calls';
import { countableFromSnapshot, snapshotCounts } from './snapshot-counts';

/** How identity reaches the controllers for a report, and the rules it publishes by. */
export interface Reporting {
  ask: AskController;
  rules: DisclosureRules;
  snapshots?: ReleaseSnapshots;
}

const MAX_DIMENSIONS = 3;

export const COMPARISON_CAVEAT =
  'These figures compare people who had the service with people released in the same period ' +
  'and group who did not. They show how outcomes differ, not what the service caused: the two ' +
  'groups may differ in ways these figures do not show.';

/** Every table this service publishes passes one guard, whoever asks. */
let guard: DifferencingGuard | null = null;

/**
 * Tables already published, by their exact content: the same question over the same data gets
 * the same answer again, which tells no one anything new (the guard alone would refuse it, as it
 * sits within a few people of the table's other cells it published the first time).
 */
const published = new Map<string, ProtectedTable>();
const MAX_REMEMBERED_TABLES = 200;

function protectOnce(raw: RawTable, rules: DisclosureRules): ProtectedTable {
  const key = contentKey(raw, rules);
  const known = published.get(key);
  if (known) return known;
  guard ??= new DifferencingGuard();
  const table = protect(raw, rules, guard);
  if (published.size >= MAX_REMEMBERED_TABLES)
    published.delete(published.keys().next().value as string);
  published.set(key, table);
  return table;
}

/** A table's whole content as a hash: its members as bytes, not JSON (a million at a time). */
function contentKey(raw: RawTable, rules: DisclosureRules): string {
  const hash = createHash('sha256');
  const withoutMembers = (cell: RawCell) => ({ ...cell, members: cell.members.length });
  hash.update(
    JSON.stringify([
      rules,
      { ...raw, rows: raw.rows.map(withoutMembers), total: withoutMembers(raw.total) },
    ]),
  );
  for (const cell of [...raw.rows, raw.total]) hash.update(new Float64Array(cell.members));
  return hash.digest('hex');
}

/**
 * A cohort's outcomes, counted by the controllers over pseudonymous keys and published only
 * after disclosure control.
 */
export async function cohortOutcomes(
  reporting: Reporting,
  filter: CohortFilter,
  groupBy: CohortDimension[],
): Promise<CohortOutcomes> {
  const { table, counted } = await protectedTable(reporting, filter, groupBy, null);
  return present(table, groupBy, reporting.rules, counted);
}

/** The same outcomes for those who had a service and those who did not, group by group. */
export async function serviceComparison(
  reporting: Reporting,
  filter: CohortFilter,
  service: ServiceKind,
  groupBy: CohortDimension[],
): Promise<ServiceComparison> {
  const { rules } = reporting;
  if (filter.service || groupBy.includes(CohortDimension.SERVICE)) {
    throw badUserInput(
      'service',
      'Compare one service: leave service out of the filter and of groupBy.',
    );
  }
  const { table, counted } = await protectedTable(reporting, filter, groupBy, service);
  const unavailableFrom = unavailableIn(counted);
  const pairs = new Map<string, ServiceComparisonRow>();
  for (const cell of table.rows) {
    const { [COMPARISON]: side, ...group } = cell.group;
    const row = outcomeRow({ ...cell, group }, unavailableFrom);
    const key = JSON.stringify(group);
    const pair = pairs.get(key) ?? {
      group: row.group,
      withService: noReleases(row),
      withoutService: noReleases(row),
    };
    if (side === 'WITH') pair.withService = row;
    else pair.withoutService = row;
    pairs.set(key, pair);
  }
  return {
    service,
    groupBy,
    rows: [...pairs.values()],
    total: outcomeRow(table.total, unavailableFrom),
    caveat: COMPARISON_CAVEAT,
    disclosure: { threshold: rules.threshold, base: rules.base },
    unavailableFrom,
  };
}

/** A side of a group with no releases at all: none released, nothing else to say. */
const noReleases = (like: CohortOutcomeRow): CohortOutcomeRow => ({
  group: like.group,
  released: { value: 0, suppressed: null },
  ucClaimBeforeRelease: null,
  ucClaimWithin7Days: null,
  ucClaimWithin28Days: null,
  medianDaysToFirstPayment: null,
  referredBeforeRelease: null,
  engagedFourWeeksBeforeRelease: null,
  rotlPaidWork: null,
  employedAt6Weeks: null,
  employedAt6Months: null,
  jobStartWithin13Weeks: null,
  jobSustained13Weeks: null,
  jobSustained26Weeks: null,
});

/**
 * Counted from the snapshot when it can be (see release-snapshots.ts), else live: MoJ says who
 * was released, the charities and DWP narrow it by service or programme if asked, and each
 * controller counts its own measures of that cohort per cell. Then disclosure control. The
 * exact table never leaves this function.
 */
function protectedTable(
  reporting: Reporting,
  filter: CohortFilter,
  groupBy: CohortDimension[],
  compared: ServiceKind | null,
) {
  checkGroupBy(groupBy);
  // The caller is not in the question: any reporting tool gets the same table of one snapshot.
  const snapshot = reporting.snapshots?.current?.snapshot ?? null;
  const question = JSON.stringify([filter, groupBy, compared, snapshot, reporting.rules]);
  return sameQuestion(question, () => countAndProtect(reporting, filter, groupBy, compared));
}

const sameQuestion = sharedWhileRunning<Awaited<ReturnType<typeof countAndProtect>>>();

async function countAndProtect(
  reporting: Reporting,
  filter: CohortFilter,
  groupBy: CohortDimension[],
  compared: ServiceKind | null,
) {
  const { snapshots } = reporting;
  const spine = snapshots?.current;
  const { releases, cells, counted } =
    snapshots && spine && countableFromSnapshot(filter, groupBy, compared)
      ? await snapshotCounts(reporting.ask, snapshots, spine, filter, groupBy)
      : await liveCounts(reporting.ask, filter, groupBy, compared);
  if (!counted.get(Controller.MOJ)) {
    throw unavailable([Controller.MOJ], 'Release counts come from MoJ');
  }
  const dimensions = compared ? [...groupBy, COMPARISON] : groupBy;
  const table = protectOnce(rawTable(releases, dimensions, cells, counted), reporting.rules);
  return { table, counted };
}

async function liveCounts(
  ask: AskController,
  filter: CohortFilter,
  groupBy: CohortDimension[],
  compared: ServiceKind | null,
) {
  const releases = await releasesOf(ask, filter);
  const withServices =
    Boolean(filter.service ?? compared) || groupBy.includes(CohortDimension.SERVICE);
  const [services, programme] = await Promise.all([
    withServices ? servicesOf(ask, releases) : null,
    filter.programme ? programmeOf(ask, releases, filter.programme) : null,
  ]);
  const cells = cohortCells(releases, filter, groupBy, services, programme, compared);
  return { releases, cells, counted: await countsOf(ask, cohortColumns(releases, cells.cells)) };
}

function checkGroupBy(groupBy: CohortDimension[]): void {
  if (new Set(groupBy).size !== groupBy.length) {
    throw badUserInput('groupBy', 'Name each dimension once.');
  }
  if (groupBy.length > MAX_DIMENSIONS) {
    throw badUserInput('groupBy', `Group by at most ${MAX_DIMENSIONS} dimensions at once.`);
  }
}
