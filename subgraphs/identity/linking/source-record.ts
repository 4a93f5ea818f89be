import { LinkedRecordKind } from '../person/person-link.entity';

/** Which controller's record: the names the seed's truth file and the links export use. */
export type RecordSource = 'dwp' | 'prison' | 'probation' | 'vcs';

export interface RecordedName {
  givenName: string;
  familyName: string;
  dateOfBirth?: string | null;
}

/** What a controller's record says about who it is: the identity feed's shape. */
export interface SourceRecord {
  source: RecordSource;
  sourceId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  nino: string | null;
  prisonNumber: string | null;
  pncNumber: string | null;
  postcode?: string | null;
  crn?: string | null;
  /** Aliases a controller holds besides the main name. */
  otherNames?: RecordedName[];
}

export const RECORD_KIND: Record<RecordSource, LinkedRecordKind> = {
  dwp: LinkedRecordKind.DWP_CLAIMANT,
  prison: LinkedRecordKind.MOJ_PRISONER,
  probation: LinkedRecordKind.MOJ_PROBATION_CASE,
  vcs: LinkedRecordKind.VCS_SUPPORT_RECORD,
};

export const SOURCE_OF_KIND = Object.fromEntries(
  Object.entries(RECORD_KIND).map(([source, kind]) => [kind, source]),
) as Record<LinkedRecordKind, RecordSource>;

/**
 * The sources that issue the key they hold, so one person has at most one record in each: a
 * cluster holding two is two people. Charity records are typed at a desk and may repeat.
 */
export const AUTHORITATIVE_SOURCES: readonly RecordSource[] = ['dwp', 'prison', 'probation'];

export const recordKey = (record: Pick<SourceRecord, 'source' | 'sourceId'>) =>
  `${record.source}:${record.sourceId}`;

/** Records in one fixed order, whatever the database's collation: full runs are reproducible. */
export function inRecordKeyOrder<T extends Pick<SourceRecord, 'source' | 'sourceId'>>(
  records: T[],
) {
  const keyed = records.map((record) => [recordKey(record), record] as const);
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return keyed.map(([, record]) => record);
}
