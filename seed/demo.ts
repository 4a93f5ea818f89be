import type { SubgraphName } from '../lib/subgraphs';
import { personFor } from '../subgraphs/identity/linking/linkage-store';
import { linkRecords } from '../subgraphs/identity/linking/linker';
import { assignPersonIds } from '../subgraphs/identity/linking/person-ids';
import {
  RECORD_KIND,
  inRecordKeyOrder,
  recordKey,
} from '../subgraphs/identity/linking/source-record';
import { LinkedRecordKind } from '../subgraphs/identity/person/person-link.entity';
import { sharedWithCharity } from '../subgraphs/vcs/support-record/sharing';
import type { IdentityRecord, TableRows, TruthRow } from './records/rows';
import { WORLD_DEFAULTS, World, type WorldOptions } from './world';

export interface DemoPerson {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  records: { recordKind: LinkedRecordKind; recordId: string }[];
}

/** A whole small world in memory: every controller's rows, the truth, and the people the
 * identity service will link them into (the same linker, run on the same records). */
export interface DemoWorld {
  rows: Record<Exclude<SubgraphName, 'identity'>, TableRows>;
  truth: TruthRow[];
  people: DemoPerson[];
}

export function buildDemoWorld(options: Partial<WorldOptions> = {}): DemoWorld {
  const world = new World({ ...WORLD_DEFAULTS, ...options });
  const rows = structuredClone(world.reference);
  const truth: TruthRow[] = [];
  const identities: IdentityRecord[] = [];
  for (const batch of world.people()) {
    for (const name of ['dwp', 'moj', 'vcs'] as const) {
      for (const [entity, added] of Object.entries(batch.rows[name])) {
        (rows[name][entity] ??= []).push(...added);
      }
    }
    truth.push(...batch.truth);
    identities.push(...batch.identities);
  }
  return { rows, truth, people: linkedPeople(identities) };
}

function linkedPeople(records: IdentityRecord[]): DemoPerson[] {
  const ordered = inRecordKeyOrder(records);
  const linkage = linkRecords(ordered);
  const ids = assignPersonIds(
    linkage.clusters.map((members) => members.map((r) => recordKey(ordered[r]))),
    new Map(),
  );
  return linkage.clusters.map((members, c) => ({
    ...personFor(
      ids[c],
      members.map((r) => ordered[r]),
    ),
    records: members.map((r) => ({
      recordKind: RECORD_KIND[ordered[r].source],
      recordId: ordered[r].sourceId,
    })),
  }));
}

/** The demo person the README and `npm start` show: the first, by id, linked in all four ways. */
export function demoPerson(world: DemoWorld = buildDemoWorld()): DemoPerson {
  const kinds = Object.values(LinkedRecordKind);
  const linkedEveryWay = world.people
    .filter((p) => kinds.every((kind) => p.records.some((r) => r.recordKind === kind)))
    .sort((a, b) => a.id.localeCompare(b.id));
  return linkedEveryWay[0];
}

interface SupportRows {
  SupportRecord: { id: string; organisationId: string }[];
  Referral: { supportRecordId: string; status: string }[];
  Consent: { supportRecordId: string; scope: string; withdrawnOn: string | null }[];
}

/**
 * The charities whose coordinators may see this person: each that holds a support record for
 * them with consent or an open referral (the rule the vcs subgraph applies), as of `today`.
 */
export function charitiesSharing(
  world: DemoWorld,
  person: DemoPerson,
  today = new Date().toISOString().slice(0, 10),
): string[] {
  const rows = world.rows.vcs as unknown as SupportRows;
  const ids = new Set(
    person.records
      .filter((r) => r.recordKind === LinkedRecordKind.VCS_SUPPORT_RECORD)
      .map((r) => r.recordId),
  );
  const of = <T extends { supportRecordId: string }>(list: T[], id: string) =>
    list.filter((row) => row.supportRecordId === id);
  const sharing = rows.SupportRecord.filter(
    (record) =>
      ids.has(record.id) &&
      sharedWithCharity(of(rows.Referral, record.id), of(rows.Consent, record.id), today),
  );
  return [...new Set(sharing.map((record) => record.organisationId))].sort();
}
