import type { CohortColumns } from '../../../lib/reporting/cohort';
import { CohortDimension, type CohortFilter } from './cohort-outcomes.type';
import { DIMENSION_COLUMN, type Releases } from './cohort';

/** One row of a cohort table: its place in the breakdown, and the releases in it by position. */
export interface Cell {
  /** By CohortDimension, and COMPARISON (WITH or WITHOUT) when comparing a service. */
  group: Record<string, string | null>;
  positions: number[];
}

/** The extra dimension of a service comparison. */
export const COMPARISON = 'COMPARISON';

export interface CohortCells {
  cells: Cell[];
  /** Every release the table counts, once: the total. */
  total: number[];
  /** What the controllers count: each release once per cell it is in. */
  cohort: CohortColumns;
}

/**
 * Narrows the releases by the charity-service and programme conditions and puts each in its
 * cell: one per combination of the grouped values, in a stable order. Grouped by service, a
 * release is in each of its services' cells, and in a cell of its own (service null) if none.
 */
export function cohortCells(
  releases: Releases,
  filter: CohortFilter,
  groupBy: CohortDimension[],
  services: ReadonlyMap<number, string[]> | null,
  programme: ReadonlySet<number> | null,
  compared: string | null = null,
): CohortCells {
  const byKey = new Map<string, Cell>();
  const total: number[] = [];
  for (let at = 0; at < releases.personKey.length; at++) {
    const had = services?.get(at) ?? [];
    if (filter.service && !had.includes(filter.service)) continue;
    if (programme && !programme.has(at)) continue;
    total.push(at);
    for (const group of groupsOf(releases, at, groupBy, had)) {
      if (compared) group[COMPARISON] = had.includes(compared) ? 'WITH' : 'WITHOUT';
      const key = JSON.stringify(group);
      const cell = byKey.get(key) ?? { group, positions: [] };
      cell.positions.push(at);
      byKey.set(key, cell);
    }
  }
  const cells = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, cell]) => cell);
  return { cells, total, cohort: columnsOf(releases, cells) };
}

function groupsOf(
  releases: Releases,
  at: number,
  groupBy: CohortDimension[],
  had: string[],
): Cell['group'][] {
  const group: Cell['group'] = {};
  for (const dimension of groupBy) {
    const column = DIMENSION_COLUMN[dimension];
    if (column !== 'service') group[dimension] = releases[column][at];
  }
  if (!groupBy.includes(CohortDimension.SERVICE)) return [group];
  return (had.length ? had : [null]).map((service) => ({
    ...group,
    [CohortDimension.SERVICE]: service,
  }));
}

function columnsOf(releases: Releases, cells: Cell[]): CohortColumns {
  const cohort: CohortColumns = { personKey: [], released: [], received: [], cell: [] };
  cells.forEach((cell, index) => {
    for (const at of cell.positions) {
      cohort.personKey.push(releases.personKey[at]);
      cohort.released.push(releases.released[at]);
      cohort.received.push(releases.received[at]);
      cohort.cell.push(index);
    }
  });
  return cohort;
}
