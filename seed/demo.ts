import type { SubgraphName } from '../lib/subgraphs';
import {
  ExactIdentifierLinker,
  type LinkedPerson,
} from '../subgraphs/identity/linking/exact-identifiers';
import { LinkedRecordKind } from '../subgraphs/identity/person/person-link.entity';
import type { TableRows, TruthRow } from './records/rows';
import { WORLD_DEFAULTS, World, type WorldOptions } from './world';

/** A whole small world in memory: every controller's rows, the truth and the linked people. */
export interface DemoWorld {
  rows: Record<Exclude<SubgraphName, 'identity'>, TableRows>;
  truth: TruthRow[];
  people: LinkedPerson[];
}

export function buildDemoWorld(options: Partial<WorldOptions> = {}): DemoWorld {
  const world = new World({ ...WORLD_DEFAULTS, ...options });
  const rows = structuredClone(world.reference);
  const truth: TruthRow[] = [];
  const linker = new ExactIdentifierLinker();
  for (const batch of world.people()) {
    for (const name of ['dwp', 'moj', 'vcs'] as const) {
      for (const [entity, added] of Object.entries(batch.rows[name])) {
        (rows[name][entity] ??= []).push(...added);
      }
    }
    truth.push(...batch.truth);
    batch.identities.forEach((record) => linker.add(record));
  }
  return { rows, truth, people: [...linker.people()] };
}

/** The demo person the README and `npm start` show: the first, by id, linked in all four ways. */
export function demoPerson(world: DemoWorld = buildDemoWorld()): LinkedPerson {
  const kinds = Object.values(LinkedRecordKind);
  const linkedEveryWay = world.people
    .filter((p) => kinds.every((kind) => p.records.some((r) => r.recordKind === kind)))
    .sort((a, b) => a.id.localeCompare(b.id));
  return linkedEveryWay[0];
}
