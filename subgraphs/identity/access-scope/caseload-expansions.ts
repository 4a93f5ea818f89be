import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { readChangeGeneration } from '../../../lib/change-generation';

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
  private readonly kept = new Map<string, { records: number; expansion: Promise<T> }>();
  private keptRecords = 0;
  private generation: string | null = null;

  constructor(
    private readonly database: DataSource,
    private readonly expand: (ids: string[]) => Promise<T>,
  ) {}

  async of(ids: string[]): Promise<T> {
    const generation = await linkGeneration(this.database);
    if (generation !== this.generation) this.forgetAll(generation);
    if (generation === null) return this.expand(ids);
    const digest = createHash('sha256').update(ids.join('\n')).digest('base64url');
    const key = `${ids.length}:${digest}`;
    const hit = this.kept.get(key);
    if (hit) {
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit.expansion;
    }
    const expansion = this.expand(ids);
    this.keep(key, ids.length, expansion);
    return expansion;
  }

  private keep(key: string, records: number, expansion: Promise<T>): void {
    const entry = { records, expansion };
    this.kept.set(key, entry);
    this.keptRecords += records;
    expansion.catch(() => this.forget(key, entry));
    for (const [oldest, kept] of this.kept) {
      if (this.keptRecords <= KEPT_RECORDS || kept === entry) break;
      this.forget(oldest, kept);
    }
  }

  private forget(key: string, entry: { records: number }): void {
    if (this.kept.get(key) !== entry) return;
    this.kept.delete(key);
    this.keptRecords -= entry.records;
  }

  private forgetAll(generation: string | null): void {
    this.kept.clear();
    this.keptRecords = 0;
    this.generation = generation;
  }
}
