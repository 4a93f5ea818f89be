import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { type AuditVerification, verifyAuditChain } from '../lib/audit/verify';
import { ConfigError, type SubgraphSettings, loadConfig } from '../lib/config';
import { closeDatabase, openDatabase } from '../lib/database';
import { SUBGRAPH_NAMES, type SubgraphName } from '../lib/subgraphs';
import { createDwpDatabase } from '../subgraphs/dwp/database';
import { createIdentityDatabase } from '../subgraphs/identity/database';
import { createMojDatabase } from '../subgraphs/moj/database';
import { createVcsDatabase } from '../subgraphs/vcs/database';

const DATABASES: Record<SubgraphName, (settings: SubgraphSettings) => DataSource> = {
  identity: createIdentityDatabase,
  dwp: createDwpDatabase,
  moj: createMojDatabase,
  vcs: createVcsDatabase,
};

/** Exit codes: every chain intact, a chain broken, a database or setting could not be read. */
export const EXIT = { intact: 0, broken: 1, error: 2 } as const;

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const standardOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const count = (n: number) => n.toLocaleString('en-GB');

export function describeVerification(name: string, result: AuditVerification): string {
  if (result.ok)
    return `${name}: ${count(result.rows)} ${result.rows === 1 ? 'row' : 'rows'}, chain intact`;
  const problem = result.problem as NonNullable<AuditVerification['problem']>;
  return `${name}: chain broken at row ${count(problem.seq)}: ${problem.reason}`;
}

/**
 * Verifies each subgraph's audit chain and prints one line for each. Returns the exit code:
 * 1 if any chain is broken (that finding wins), else 2 if a setting or database was unusable.
 */
export async function main(
  env: NodeJS.ProcessEnv = process.env,
  output: Output = standardOutput,
): Promise<number> {
  let settings: Record<SubgraphName, SubgraphSettings>;
  try {
    settings = loadConfig(env).subgraphs;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.err(`audit:verify: ${error.message}`);
    return EXIT.error;
  }
  let broken = false;
  let failed = false;
  for (const name of SUBGRAPH_NAMES) {
    const subgraph = settings[name];
    // Opening a missing SQLite file would create an empty one, and call that intact.
    if (!subgraph.databaseUrl && !existsSync(subgraph.sqliteFile)) {
      output.err(`${name}: no database at ${subgraph.sqliteFile} (is DATA_DIR right?)`);
      failed = true;
      continue;
    }
    let database: DataSource | undefined;
    try {
      database = DATABASES[name](subgraph);
      await openDatabase(database);
      const result = await verifyAuditChain(database);
      output.out(describeVerification(name, result));
      broken ||= !result.ok;
    } catch (error) {
      output.err(`${name}: could not verify the audit chain: ${(error as Error).message}`);
      failed = true;
    } finally {
      if (database) await closeDatabase(database).catch(() => undefined);
    }
  }
  return broken ? EXIT.broken : failed ? EXIT.error : EXIT.intact;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`audit:verify: ${error.message}\n`);
      process.exitCode = EXIT.error;
    },
  );
}
