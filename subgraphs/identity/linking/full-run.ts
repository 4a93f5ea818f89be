import type { DataSource } from 'typeorm';
import { loadAssignment, loadDecisions, loadSourceRecords, saveLinkage } from './linkage-store';
import { type LinkageThresholds, linkRecords } from './linker';
import { assignPersonIds } from './person-ids';
import { recordKey } from './source-record';

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
  await database.transaction((manager) => saveLinkage(manager, linkage, ids));
  return {
    records: records.length,
    people: linkage.clusters.length,
    pairsCompared: linkage.pairsCompared,
    pendingReviews: linkage.reviews.length,
    seconds: (Date.now() - started) / 1000,
  };
}
