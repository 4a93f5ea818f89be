import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { KeptWhileUnchanged, readChangeGeneration } from '../../../lib/change-generation';

/**
 * Most caseload records whose expansions are kept at once, across charities: each record expands
 * to about four links, so this bounds the memory to tens of MB however large the charities.
 */
const KEPT_RECORDS = 100_000;

/** The links' generation, moved by the database on every change to person_link; null if unknown. */
export const linkGeneration = (database: DataSource) =>
  readChangeGeneration(database, 'link_generation');

/**
 * A charity's caseload expanded to its people and all their records, kept while both the links
 * and the caseload are as they were. The caseload is still asked of vcs on every request, so
 * consent withdrawn counts at once; only the linking of its records to people is reused, until
 * any link changes. Keyed by content, not by charity, so two requests can never share wrongly.
 */
export class CaseloadExpansions<T> {
  private readonly kept: KeptWhileUnchanged<T>;

  constructor(
    database: DataSource,
    private readonly expand: (ids: string[]) => Promise<T>,
  ) {
    this.kept = new KeptWhileUnchanged(database, 'link_generation', KEPT_RECORDS);
  }

  of(ids: string[]): Promise<T> {
    return this.kept.get(
      keyOf(ids),
      () => this.expand(ids),
      () => ids.length,
    );
  }
}

/**
 * Each caseload list's key, worked out once: identity keeps the list vcs last gave, unchanged,
 * and asks about it again on every request while vcs says it stands.
 */
const keys = new WeakMap<string[], string>();

function keyOf(ids: string[]): string {
  let key = keys.get(ids);
  if (key === undefined) {
    key = `${ids.length}:${createHash('sha256').update(ids.join('\n')).digest('base64url')}`;
    keys.set(ids, key);
  }
  return key;
}
