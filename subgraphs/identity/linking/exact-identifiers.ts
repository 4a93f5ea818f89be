import { createHash } from 'node:crypto';
import { LinkedRecordKind } from '../person/person-link.entity';

/** What a controller's record says about who it is: the identity feed's shape. */
export interface SourceRecord {
  source: 'dwp' | 'prison' | 'probation' | 'vcs';
  sourceId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  nino: string | null;
  prisonNumber: string | null;
  pncNumber: string | null;
}

export const RECORD_KIND: Record<SourceRecord['source'], LinkedRecordKind> = {
  dwp: LinkedRecordKind.DWP_CLAIMANT,
  prison: LinkedRecordKind.MOJ_PRISONER,
  probation: LinkedRecordKind.MOJ_PROBATION_CASE,
  vcs: LinkedRecordKind.VCS_SUPPORT_RECORD,
};

/** Whose details name the person, best first: the prison checks identity at reception. */
const NAMING_ORDER: SourceRecord['source'][] = ['prison', 'probation', 'dwp', 'vcs'];

export interface LinkedPerson {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  records: { recordKind: LinkedRecordKind; recordId: string }[];
}

/**
 * Links records only where a trusted identifier (NINO, prison number, PNC number) agrees
 * exactly, and never merges two people holding different NINOs or prison numbers. Uncertain
 * cases stay apart: a missed link is safer than a wrong one.
 */
export class ExactIdentifierLinker {
  private readonly records: SourceRecord[] = [];
  private readonly parent: number[] = [];
  private readonly firstWith = new Map<string, number>();
  private readonly nino = new Map<number, string>();
  private readonly prisonNumber = new Map<number, string>();

  add(record: SourceRecord): void {
    const index = this.records.push(record) - 1;
    this.parent.push(index);
    if (record.nino) this.nino.set(index, record.nino);
    if (record.prisonNumber) this.prisonNumber.set(index, record.prisonNumber);
    for (const key of identifierKeys(record)) {
      const earlier = this.firstWith.get(key);
      if (earlier === undefined) this.firstWith.set(key, index);
      else this.union(earlier, index);
    }
  }

  *people(): Generator<LinkedPerson> {
    const clusters = new Map<number, SourceRecord[]>();
    this.records.forEach((record, index) => {
      const root = this.find(index);
      const cluster = clusters.get(root);
      if (cluster) cluster.push(record);
      else clusters.set(root, [record]);
    });
    for (const records of clusters.values()) yield person(records);
  }

  private find(index: number): number {
    while (this.parent[index] !== index) {
      this.parent[index] = this.parent[this.parent[index]];
      index = this.parent[index];
    }
    return index;
  }

  private union(a: number, b: number): void {
    const [rootA, rootB] = [this.find(a), this.find(b)];
    if (
      rootA === rootB ||
      conflicts(this.nino, rootA, rootB) ||
      conflicts(this.prisonNumber, rootA, rootB)
    )
      return;
    this.parent[rootB] = rootA;
    for (const held of [this.nino, this.prisonNumber]) {
      if (!held.has(rootA) && held.has(rootB)) held.set(rootA, held.get(rootB) as string);
    }
  }
}

function identifierKeys(record: SourceRecord): string[] {
  return [
    record.nino && `nino:${record.nino}`,
    record.prisonNumber && `prison:${record.prisonNumber}`,
    record.pncNumber && `pnc:${record.pncNumber}`,
  ].filter((key): key is string => Boolean(key));
}

function conflicts(held: Map<number, string>, a: number, b: number): boolean {
  return held.has(a) && held.has(b) && held.get(a) !== held.get(b);
}

function person(records: SourceRecord[]): LinkedPerson {
  const ordered = [...records].sort(
    (a, b) =>
      NAMING_ORDER.indexOf(a.source) - NAMING_ORDER.indexOf(b.source) ||
      a.sourceId.localeCompare(b.sourceId),
  );
  const [namer] = ordered;
  return {
    id: stableId(ordered.map((r) => `${r.source}:${r.sourceId}`).sort()[0]),
    givenName: namer.givenName,
    familyName: namer.familyName,
    dateOfBirth: ordered.find((r) => r.dateOfBirth)?.dateOfBirth ?? null,
    records: ordered.map((r) => ({ recordKind: RECORD_KIND[r.source], recordId: r.sourceId })),
  };
}

/** A UUID derived from the person's first record, so the same cluster keeps its id on re-runs. */
function stableId(firstRecord: string): string {
  const hex = createHash('sha256').update(`person:${firstRecord}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
