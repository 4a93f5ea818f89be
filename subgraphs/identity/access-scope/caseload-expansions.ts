import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Charities whose expansion is kept: a hub serves a few dozen, a handful at a time. */
const KEPT = 32;

/** The links' generation: moved by the database on every change to person_link. */
export async function linkGeneration(database: DataSource): Promise<string> {
  const [row] = await database.query<{ generation: string | number }[]>(
    'SELECT "generation" FROM "link_generation" WHERE "id" = 1',
  );
  return String(row?.generation);
}

/**
 * A charity's caseload expanded to its people and all their records, kept while both the links
 * and the caseload are as they were. The caseload is still asked of vcs on every request, so
 * consent withdrawn counts at once; only the linking of its records to people is reused, until
 * any link changes. Keyed by content, not by charity, so two requests can never share wrongly.
 */
export class CaseloadExpansions<T> {
  private readonly kept = new Map<string, Promise<T>>();

  constructor(
    private readonly database: DataSource,
    private readonly expand: (ids: string[]) => Promise<T>,
  ) {}

  async of(ids: string[]): Promise<T> {
    const generation = await linkGeneration(this.database);
    const digest = createHash('sha256').update(ids.join('\n')).digest('base64url');
    const key = `${generation}:${ids.length}:${digest}`;
    const hit = this.kept.get(key);
    if (hit) {
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit;
    }
    const expansion = this.expand(ids);
    this.kept.set(key, expansion);
    expansion.catch(() => this.kept.delete(key));
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return expansion;
  }
}
