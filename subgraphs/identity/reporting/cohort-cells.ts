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
  const columns = groupBy.flatMap((dimension) => {
    const column = DIMENSION_COLUMN[dimension];
    return column === 'service'
      ? []
      : [{ dimension, values: releases[column] as (string | null)[] }];
  });
  const byService = groupBy.includes(CohortDimension.SERVICE);
  for (let at = 0; at < releases.personKey.length; at++) {
    const had = services?.get(at) ?? [];
    if (filter.service && !had.includes(filter.service)) continue;
    if (programme && !programme.has(at)) continue;
    total.push(at);
    const side = compared ? (had.includes(compared) ? 'WITH' : 'WITHOUT') : null;
    // A cell's key is its values joined, built as cheaply as can be: a million releases pass here.
    let key = '';
    for (const { values } of columns) key += `${values[at] ?? ''}\u001f`;
    for (const service of byService ? (had.length ? had : [null]) : [undefined]) {
      const full = `${key}${service ?? ''}\u001f${side ?? ''}`;
      let cell = byKey.get(full);
      if (!cell) {
        cell = { group: groupOf(at, columns, service, side), positions: [] };
        byKey.set(full, cell);
      }
      cell.positions.push(at);
    }
  }
  const cells = [...byKey.values()].sort((a, b) => compareGroups(a.group, b.group));
  return { cells, total };
}

function groupOf(
  at: number,
  columns: { dimension: CohortDimension; values: (string | null)[] }[],
  service: string | null | undefined,
  side: string | null,
): Cell['group'] {
  const group: Cell['group'] = {};
  for (const { dimension, values } of columns) group[dimension] = values[at] ?? null;
  if (service !== undefined) group[CohortDimension.SERVICE] = service;
  if (side) group[COMPARISON] = side;
  return group;
}

/** The order cells always had: by their groups as JSON. */
export function compareGroups(a: Cell['group'], b: Cell['group']): number {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** What the controllers count live: each release once per cell it is in. */
export function cohortColumns(releases: Releases, cells: Cell[]): CohortColumns {
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
