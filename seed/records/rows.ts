import type { SourceRecord } from '../../subgraphs/identity/linking/source-record';

/** Rows for one controller's database, by entity name, in the order they were made. */
export type TableRows = Record<string, Record<string, unknown>[]>;

export function addRow(rows: TableRows, entity: string, row: Record<string, unknown>): void {
  (rows[entity] ??= []).push(row);
}

/** One line of the ground-truth file: this native record belongs to this person. */
export interface TruthRow {
  personKey: string;
  source: 'dwp' | 'prison' | 'probation' | 'vcs';
  sourceId: string;
}

/** What a controller's record says about who it is: the identity service's view of it. */
export type IdentityRecord = SourceRecord;
