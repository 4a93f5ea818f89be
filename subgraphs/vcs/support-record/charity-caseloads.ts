import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { KeptWhileUnchanged, readChangeGeneration } from '../../../lib/change-generation';
import { CASELOAD_GENERATION } from '../migrations/1733400000000-caseload-generation';

/** Most support-record ids kept at once, across charities: a few MB. */
const KEPT_IDS = 200_000;

type Read = (organisation: string, on: string) => Promise<string[]>;

/** A caseload as identity is answered it: the ids, or none when unchanged since `since`. */
export interface CaseloadChange {
  /** Names this caseload; null while the generation cannot be read, so nothing is kept. */
  version: string | null;
  ids: string[] | null;
}

/**
 * Each charity's caseload on a day, kept until any support record, consent or referral changes
 * (the database moves `caseload_generation` on every such write, whoever makes it), so identity's
 * question on every coordinator request costs one single-row read while nothing changes, and a
 * withdrawal still counts from the next request.
 */
export class CharityCaseloads {
  private readonly kept: KeptWhileUnchanged<string[]>;
  /** Set afresh for each process and database, so no other's version can ever match. */
  private readonly epoch = randomUUID();

  constructor(
    private readonly database: DataSource,
    private readonly read: Read,
  ) {
    this.kept = new KeptWhileUnchanged(database, CASELOAD_GENERATION.table, KEPT_IDS);
  }

  of(organisation: string, on: string): Promise<string[]> {
    return this.kept.get(
      `${organisation}\n${on}`,
      () => this.read(organisation, on),
      (ids) => ids.length,
    );
  }

  /**
   * The caseload, or no ids when `since` (a version this gave for the same charity) still names
   * it. The version is read before the ids, so it is never newer than they are: a write between
   * the two only costs the next question a full answer.
   */
  async changedSince(
    organisation: string,
    on: string,
    since: string | null,
  ): Promise<CaseloadChange> {
    const generation = await readChangeGeneration(this.database, CASELOAD_GENERATION.table);
    const version = generation === null ? null : `${this.epoch}.${generation}.${on}`;
    if (version !== null && version === since) return { version, ids: null };
    return { version, ids: await this.of(organisation, on) };
  }
}
