import type { RecordFeatures } from './features';
import { AUTHORITATIVE_SOURCES } from './source-record';

/**
 * Union-find over records that refuses a merge putting two people's trusted identifiers in one
 * cluster (two records from one authoritative source, or two PNC numbers) or joining records a
 * steward said are different people. A steward's "same person" is the one thing that may
 * override the guard.
 */
export class GuardedClusters {
  private readonly parent: Int32Array;
  private readonly sources: Uint8Array;
  private readonly pnc: (string | null)[];
  private readonly apart = new Map<number, number[]>();

  constructor(records: RecordFeatures[]) {
    this.parent = Int32Array.from(records, (_, i) => i);
    this.sources = Uint8Array.from(records, (r) => sourceBit(r.record.source));
    this.pnc = records.map((r) => r.pncNumber);
  }

  keepApart(a: number, b: number): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ])
      this.apart.set(x, [...(this.apart.get(x) ?? []), y]);
  }

  find(index: number): number {
    while (this.parent[index] !== index) {
      this.parent[index] = this.parent[this.parent[index]];
      index = this.parent[index];
    }
    return index;
  }

  /** Why two clusters may not merge, or null if they may. */
  conflict(a: number, b: number): 'CONFLICTING_IDENTIFIERS' | 'STEWARD_SAID_DIFFERENT' | null {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return null;
    if (this.keptApart(ra, rb)) return 'STEWARD_SAID_DIFFERENT';
    if (this.sources[ra] & this.sources[rb]) return 'CONFLICTING_IDENTIFIERS';
    if (this.pnc[ra] && this.pnc[rb] && this.pnc[ra] !== this.pnc[rb])
      return 'CONFLICTING_IDENTIFIERS';
    return null;
  }

  /** Merges unless the guard refuses; `force` is for a steward's decision. */
  union(a: number, b: number, force = false): boolean {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return true;
    if (!force && this.conflict(ra, rb)) return false;
    this.parent[rb] = ra;
    this.sources[ra] |= this.sources[rb];
    this.pnc[ra] ??= this.pnc[rb];
    const apart = this.apart.get(rb);
    if (apart) this.apart.set(ra, [...(this.apart.get(ra) ?? []), ...apart]);
    return true;
  }

  private keptApart(ra: number, rb: number): boolean {
    const [small, other] =
      (this.apart.get(ra)?.length ?? 0) <= (this.apart.get(rb)?.length ?? 0) ? [ra, rb] : [rb, ra];
    return (this.apart.get(small) ?? []).some((record) => this.find(record) === other);
  }

  /** Cluster members by root, each list in record order. */
  groups(): Map<number, number[]> {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const root = this.find(i);
      const group = groups.get(root);
      if (group) group.push(i);
      else groups.set(root, [i]);
    }
    return groups;
  }
}

function sourceBit(source: string): number {
  const index = AUTHORITATIVE_SOURCES.indexOf(source as never);
  return index < 0 ? 0 : 1 << index;
}
