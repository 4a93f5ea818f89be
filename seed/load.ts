import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { type Config, ConfigError, loadConfig } from '../lib/config';
import { closeDatabase, openDatabase } from '../lib/database';
import type { SubgraphName } from '../lib/subgraphs';
import { Claimant } from '../subgraphs/dwp/claimant/claimant.entity';
import { createDwpDatabase } from '../subgraphs/dwp/database';
import { createIdentityDatabase } from '../subgraphs/identity/database';
import { LinkedRecordKind, PersonLink } from '../subgraphs/identity/person/person-link.entity';
import { Person } from '../subgraphs/identity/person/person.entity';
import { createMojDatabase } from '../subgraphs/moj/database';
import { Prisoner } from '../subgraphs/moj/prisoner/prisoner.entity';
import { ProbationCase } from '../subgraphs/moj/probation/probation-case.entity';
import { SupportRecord } from '../subgraphs/vcs/support/support-record.entity';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { DEMO_DEFAULTS, type DemoPerson, generateDemoWorld } from './demo-world';

export type Rows = [EntityTarget<ObjectLiteral>, ObjectLiteral[]][];

/** Each controller's slice of the world, as the rows it would hold itself. */
export const demoSlices: Record<SubgraphName, (world: DemoPerson[]) => Rows> = {
  dwp: (world) => [
    [
      Claimant,
      world
        .filter((p) => p.claimant)
        .map((p) => ({ ...names(p), postcode: p.postcode, ...p.claimant })),
    ],
  ],
  moj: (world) => [
    [Prisoner, world.map((p) => ({ ...names(p), ...p.prisoner }))],
    [
      ProbationCase,
      world.filter((p) => p.probationCase).map((p) => ({ ...names(p), ...p.probationCase })),
    ],
  ],
  vcs: (world) => [
    [
      SupportRecord,
      world.flatMap((p) =>
        p.supportRecords.map((r) => ({ ...names(p), postcode: p.postcode, ...r })),
      ),
    ],
  ],
  // Until identity resolution exists, the demo's links are the seed's own ground truth.
  identity: (world) => [
    [Person, world.map((p) => ({ id: p.id, ...names(p) }))],
    [PersonLink, world.flatMap(truthLinks)],
  ],
};

const databases: Record<SubgraphName, (config: Config) => DataSource> = {
  identity: (config) => createIdentityDatabase(config.subgraphs.identity),
  dwp: (config) => createDwpDatabase(config.subgraphs.dwp),
  moj: (config) => createMojDatabase(config.subgraphs.moj),
  vcs: (config) => createVcsDatabase(config.subgraphs.vcs),
};

function names(person: DemoPerson) {
  const { givenName, familyName, dateOfBirth } = person;
  return { givenName, familyName, dateOfBirth };
}

function truthLinks(person: DemoPerson) {
  const link = (recordKind: LinkedRecordKind, recordId: string) => ({
    personId: person.id,
    recordKind,
    recordId,
  });
  return [
    ...(person.claimant ? [link(LinkedRecordKind.DWP_CLAIMANT, person.claimant.nino)] : []),
    link(LinkedRecordKind.MOJ_PRISONER, person.prisoner.prisonNumber),
    ...(person.probationCase
      ? [link(LinkedRecordKind.MOJ_PROBATION_CASE, person.probationCase.crn)]
      : []),
    ...person.supportRecords.map((r) => link(LinkedRecordKind.VCS_SUPPORT_RECORD, r.id)),
  ];
}

const CHUNK = 500;

/** Inserts every row in one transaction: all of the slice or none of it. */
export async function insertRows(database: DataSource, rows: Rows): Promise<void> {
  await database.transaction(async (manager) => {
    for (const [entity, values] of rows) {
      for (let i = 0; i < values.length; i += CHUNK) {
        await manager.insert(entity, values.slice(i, i + CHUNK));
      }
    }
  });
}

/** Migrates, then loads the slice only if the database holds none of it. */
async function loadSlice(database: DataSource, rows: Rows): Promise<'loaded' | 'kept'> {
  await openDatabase(database);
  try {
    const [firstEntity] = rows[0];
    if ((await database.getRepository(firstEntity).count()) > 0) return 'kept';
    await insertRows(database, rows);
    return 'loaded';
  } finally {
    await closeDatabase(database);
  }
}

export async function loadDemoData(config: Config, people = DEMO_DEFAULTS.people) {
  const world = generateDemoWorld({ people });
  const outcome: Partial<Record<SubgraphName, 'loaded' | 'kept'>> = {};
  for (const name of Object.keys(demoSlices) as SubgraphName[]) {
    outcome[name] = await loadSlice(databases[name](config), demoSlices[name](world));
  }
  return outcome;
}

async function main() {
  const { values } = parseArgs({ options: { people: { type: 'string' } } });
  const people = Number(values.people ?? DEMO_DEFAULTS.people);
  if (!Number.isInteger(people) || people < 1) {
    throw new ConfigError('--people must be a whole number of at least 1, e.g. --people 25');
  }
  const outcome = await loadDemoData(loadConfig(), people);
  for (const [name, result] of Object.entries(outcome)) {
    process.stdout.write(
      `${name}: ${result === 'loaded' ? 'demo data loaded' : 'already has data, kept'}\n`,
    );
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    const known = error instanceof ConfigError;
    process.stderr.write(`seed: ${known ? error.message : `failed: ${error.message}`}\n`);
    process.exit(known ? 2 : 1);
  });
}
