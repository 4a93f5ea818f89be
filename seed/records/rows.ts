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

/** What a controller holds that identifies a person: the identity service's view of a record. */
export interface IdentityRecord {
  source: TruthRow['source'];
  sourceId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  nino: string | null;
  prisonNumber: string | null;
  pncNumber: string | null;
}
