import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import { type Config, ConfigError, loadConfig } from '../lib/config';
import { closeDatabase, openDatabase } from '../lib/database';
import type { SubgraphName } from '../lib/subgraphs';
import { createDwpDatabase } from '../subgraphs/dwp/database';
import { createIdentityDatabase } from '../subgraphs/identity/database';
import { createMojDatabase } from '../subgraphs/moj/database';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { type SeedOptions, SeedUsageError, parseSeedArguments } from './arguments';
import { ControllerWriter } from './writer';
import { World } from './world';

/** Each controller's entities, parents before children. */
export const ENTITY_ORDER: Record<SubgraphName, readonly string[]> = {
  dwp: [
    'WorkCoach',
    'Claimant',
    'BenefitClaim',
    'JobcentreAppointment',
    'ProgrammeReferral',
    'EmploymentOutcome',
  ],
  moj: [
    'Establishment',
    'Prisoner',
    'PrisonerAlias',
    'CustodyPeriod',
    'ReleaseOnTemporaryLicence',
    'PrisonWorkPlacement',
    'EducationCourse',
    'ProbationCase',
    'LicenceCondition',
    'ResettlementItem',
    'WorkReadiness',
  ],
  vcs: [
    'Organisation',
    'CharityService',
    'Employer',
    'Vacancy',
    'SupportRecord',
    'Referral',
    'Engagement',
    'SupportOutcome',
    'Consent',
    'ReadinessRecord',
  ],
  // Identity links from the controllers' feeds once running; the seed only empties it on --reset.
  identity: [
    'Person',
    'PersonLink',
    'StoredSourceRecord',
    'LinkReview',
    'StewardDecisionRecord',
    'LinkageState',
  ],
};

const DATABASES: Record<SubgraphName, (config: Config) => DataSource> = {
  identity: (config) => createIdentityDatabase(config.subgraphs.identity),
  dwp: (config) => createDwpDatabase(config.subgraphs.dwp),
  moj: (config) => createMojDatabase(config.subgraphs.moj),
  vcs: (config) => createVcsDatabase(config.subgraphs.vcs),
};

export type SeedOutcome =
  { status: 'loaded'; people: number; seconds: number } | { status: 'kept' };

/** Streams a world into the four databases in one transaction each: all of it or none of it. */
export async function seed(
  config: Config,
  options: SeedOptions,
  progress = (_: string) => {},
): Promise<SeedOutcome> {
  const databases = await Promise.all(
    Object.values(DATABASES).map((open) => openDatabase(open(config))),
  );
  const names = Object.keys(DATABASES) as SubgraphName[];
  const writers = names.map(
    (name, i) => new ControllerWriter(name, databases[i], ENTITY_ORDER[name]),
  );
  const truthFile = options.truth ?? path.join(config.dataDir, 'truth.csv');
  const partial = `${truthFile}.partial`;
  try {
    const states = await Promise.all(writers.map((writer) => writer.begin(options.reset)));
    const full = names.filter((_, i) => states[i] === 'has data');
    if (full.length) {
      await Promise.all(writers.map((writer) => writer.rollback()));
      // Identity fills itself from the controllers' feeds, so it may still be empty.
      const controllers = names.filter((name) => name !== 'identity');
      if (options.ifEmpty && controllers.every((name) => full.includes(name)))
        return { status: 'kept' };
      throw new SeedUsageError(`${full.join(', ')} already hold data: pass --reset to replace it.`);
    }
    const started = Date.now();
    await mkdir(path.dirname(truthFile), { recursive: true });
    await writeWorld(
      options,
      Object.fromEntries(names.map((n, i) => [n, writers[i]])) as Record<
        SubgraphName,
        ControllerWriter
      >,
      partial,
      progress,
    );
    await commitAll(writers);
    await rename(partial, truthFile);
    return { status: 'loaded', people: options.people, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await Promise.all(writers.map((writer) => writer.rollback().catch(() => undefined)));
    await rm(partial, { force: true });
    throw error;
  } finally {
    await Promise.all(databases.map(closeDatabase));
  }
}

/** Says which databases kept the load if a commit fails part-way: the one window with no rollback. */
async function commitAll(writers: ControllerWriter[]): Promise<void> {
  const committed: string[] = [];
  try {
    for (const writer of writers) {
      await writer.commit();
      committed.push(writer.name);
    }
  } catch (error) {
    if (!committed.length) throw error;
    throw new PartialLoadError(
      `committing failed after ${committed.join(', ')} had committed (${(error as Error).message}); ` +
        'run again with --reset to load every database afresh.',
    );
  }
}

export class PartialLoadError extends Error {}

async function writeWorld(
  options: SeedOptions,
  writers: Record<SubgraphName, ControllerWriter>,
  truthFile: string,
  progress: (line: string) => void,
) {
  const { dwp, moj, vcs } = writers;
  const world = new World({ people: options.people, seed: options.seed, asOf: options.asOf });
  const truth = createWriteStream(truthFile);
  const write = (text: string) =>
    truth.write(text)
      ? Promise.resolve()
      : new Promise<void>((r) => truth.once('drain', () => r()));
  await write('person_key,source,source_id\n');
  await Promise.all([
    dwp.write(world.reference.dwp),
    moj.write(world.reference.moj),
    vcs.write(world.reference.vcs),
  ]);
  for (const batch of world.people(options.batch)) {
    await Promise.all([
      dwp.write(batch.rows.dwp),
      moj.write(batch.rows.moj),
      vcs.write(batch.rows.vcs),
    ]);
    await write(batch.truth.map((t) => `${t.personKey},${t.source},${t.sourceId}\n`).join(''));
    progress(`generated ${batch.done} of ${options.people} people`);
  }
  truth.end();
  await finished(truth);
}

async function main() {
  const options = parseSeedArguments(process.argv.slice(2));
  const config = loadConfig();
  const outcome = await seed(config, options, (line) => process.stderr.write(`seed: ${line}\n`));
  process.stdout.write(
    outcome.status === 'kept'
      ? 'seed: the databases already hold data; kept them as they are.\n'
      : `seed: loaded ${outcome.people} people in ${outcome.seconds.toFixed(1)} s ` +
          `(peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB).\n`,
  );
}

if (require.main === module) {
  main().catch((error: Error) => {
    const usage = error instanceof SeedUsageError || error instanceof ConfigError;
    const partial = error instanceof PartialLoadError;
    process.stderr.write(
      usage || partial
        ? `seed: ${error.message}\n`
        : `seed: failed: ${error.message}\nNothing was written: every database was rolled back.\n`,
    );
    process.exit(usage ? 2 : 1);
  });
}
