import type { DataSource } from 'typeorm';
import { KeptWhileUnchanged } from '../../../lib/change-generation';
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
  private readonly kept: KeptWhileUnchanged<string[]>;

  constructor(
    database: DataSource,
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
}
