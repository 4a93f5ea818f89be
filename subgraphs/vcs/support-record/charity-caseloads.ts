import type { DataSource } from 'typeorm';
import { readChangeGeneration } from '../../../lib/change-generation';
import { CASELOAD_GENERATION } from '../migrations/1733400000000-caseload-generation';

/** Most support-record ids kept at once, across charities: a few MB. */
const KEPT_IDS = 200_000;

type Read = (organisation: string, on: string) => Promise<string[]>;

/**
 * Each charity's caseload on a day, kept until any support record, consent or referral changes
 * (the database moves `caseload_generation` on every such write, whoever makes it), so identity's
 * question on every coordinator request costs one single-row read while nothing changes, and a
 * withdrawal still counts from the next request.
 */
export class CharityCaseloads {
  private readonly kept = new Map<string, { ids: number; caseload: Promise<string[]> }>();
  private keptIds = 0;
  private generation: string | null = null;

  constructor(
    private readonly database: DataSource,
    private readonly read: Read,
  ) {}

  async of(organisation: string, on: string): Promise<string[]> {
    const generation = await readChangeGeneration(this.database, CASELOAD_GENERATION.table);
    if (generation !== this.generation) this.forgetAll(generation);
    if (generation === null) return this.read(organisation, on);
    const key = `${organisation}\n${on}`;
    const hit = this.kept.get(key);
    if (hit) {
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit.caseload;
    }
    const caseload = this.read(organisation, on);
    const entry = { ids: 0, caseload };
    this.kept.set(key, entry);
    caseload.then(
      (ids) => this.counted(key, entry, ids.length),
      () => this.forget(key, entry),
    );
    return caseload;
  }

  private counted(key: string, entry: { ids: number }, ids: number): void {
    if (this.kept.get(key) !== entry) return;
    entry.ids = ids;
    this.keptIds += ids;
    for (const [oldest, kept] of this.kept) {
      if (this.keptIds <= KEPT_IDS || kept === entry) break;
      this.forget(oldest, kept);
    }
  }

  private forget(key: string, entry: { ids: number }): void {
    if (this.kept.get(key) !== entry) return;
    this.kept.delete(key);
    this.keptIds -= entry.ids;
  }

  private forgetAll(generation: string | null): void {
    this.kept.clear();
    this.keptIds = 0;
    this.generation = generation;
  }
}
