import { fixtureUuid as uuid } from '../../test/support/subgraph';
import { type Rows, type SubgraphUnderTest, openSubgraph } from '../../test/support/subgraph';
import { Claimant } from './claimant/claimant.entity';
import { createContext } from './context';
import { createDwpDatabase } from './database';
import { buildDwpSchema } from './schema';

/** The dwp subgraph on in-memory SQLite holding `rows` (work coaches and claimants first). */
export function openDwp(rows: Rows): Promise<SubgraphUnderTest> {
  return openSubgraph(
    { createDatabase: createDwpDatabase, buildSchema: buildDwpSchema, createContext },
    rows,
  );
}

/** A valid, distinct NINO per number. */
export const nino = (n: number) => `AB${String(n).padStart(6, '0')}C`;

/** A valid, distinct version-4 UUID per number. */

export function claimant(n: number, extra: Partial<Claimant> = {}): Claimant {
  return {
    nino: nino(n),
    givenName: `Given${n}`,
    familyName: `Family${n}`,
    dateOfBirth: '1990-01-01',
    postcode: null,
    jobcentre: null,
    workCoachId: null,
    updatedAt: '2024-06-01T00:00:00.000Z',
    ...extra,
  };
}

/** `claimants` with the given selection on each node, for child-list tests. */
export const claimantsWith = (selection: string) =>
  `{ claimants(first: 100) { edges { node { nino ${selection} } } } }`;

/** Ids of `rows` in (column, id) order, as a root list pages them. */
export function idsInOrder<T extends { id: string }>(rows: T[], column: keyof T): string[] {
  return [...rows]
    .sort((a, b) => ((a[column] === b[column] ? a.id < b.id : a[column] < b[column]) ? -1 : 1))
    .map((row) => row.id);
}

export { allPageIds as allPages } from '../../test/support/subgraph';

export { uuid };
