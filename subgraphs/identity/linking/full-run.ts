import type { DataSource } from 'typeorm';
import {
  loadAssignment,
  loadDecisions,
  loadSourceRecords,
  saveLinkage,
  writeState,
} from './linkage-store';
import { type LinkageThresholds, linkRecords } from './linker';
import { assignPersonIds } from './person-ids';
import { recordKey } from './source-record';

/** Where the last full run's summary is kept, for operators and the linkage benchmark. */
export const LAST_FULL_RUN = 'last-full-run';

export interface FullRunSummary {
  records: number;
  people: number;
  pairsCompared: number;
  pendingReviews: number;
  seconds: number;
}

/**
 * Re-links every stored record: parameters estimated afresh, steward decisions applied first,
 * person ids carried over wherever the cluster is the same. One transaction: all or nothing.
 */
export async function runFullLinkage(
  database: DataSource,
  thresholds: LinkageThresholds,
): Promise<FullRunSummary> {
  const started = Date.now();
  const [records, decisions, previous] = await Promise.all([
    loadSourceRecords(database),
    loadDecisions(database),
    loadAssignment(database),
  ]);
  const linkage = linkRecords(records, decisions, thresholds);
  const ids = assignPersonIds(
    linkage.clusters.map((members) => members.map((r) => recordKey(records[r]))),
    previous,
  );
  const summary = {
    records: records.length,
    people: linkage.clusters.length,
    pairsCompared: linkage.pairsCompared,
    pendingReviews: linkage.reviews.length,
    seconds: 0,
  };
  await database.transaction(async (manager) => {
    await saveLinkage(manager, linkage, ids);
    summary.seconds = (Date.now() - started) / 1000;
    await writeState(manager, LAST_FULL_RUN, summary);
  });
  return summary;
}
