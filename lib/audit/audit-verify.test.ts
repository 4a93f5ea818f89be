import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EXIT, main } from '../../scripts/audit-verify';
import { parseSeedArguments } from '../../seed/arguments';
import { seed } from '../../seed/load';
import { createDwpDatabase } from '../../subgraphs/dwp/database';
import { createIdentityDatabase } from '../../subgraphs/identity/database';
import { createMojDatabase } from '../../subgraphs/moj/database';
import { createVcsDatabase } from '../../subgraphs/vcs/database';
import {
  type AuditEngine,
  auditEngines,
  coordinatorRead,
  dropAuditTriggers,
} from '../../test/support/audit';
import { type TestDatabases, createTestDatabases } from '../../test/support/databases';
import { loadConfig } from '../config';
import { closeDatabase, openDatabase } from '../database';
import { ROOT_DIR } from '../paths';
import { SUBGRAPH_NAMES } from '../subgraphs';
import { AuditLog } from './audit-log';

/** Runs `main` with `env`, collecting what it prints. */
async function verify(env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

/** The real entry point, in its own process: as `npm run audit:verify` runs it, from source. */
async function runScript(env: NodeJS.ProcessEnv) {
  const child = promisify(execFile)(
    process.execPath,
    [
      '-r',
      path.join(ROOT_DIR, 'test', 'support', 'register-ts.js'),
      path.join(ROOT_DIR, 'scripts', 'audit-verify.ts'),
    ],
    { cwd: ROOT_DIR, env: { PATH: process.env.PATH, ...env }, timeout: 60_000 },
  );
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe.each(auditEngines())('npm run audit:verify on %s', (engine: AuditEngine) => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-audit-verify-'));
    env = { DATA_DIR: dataDir };
    let databases: TestDatabases | undefined;
    if (engine === 'postgres') {
      databases = await createTestDatabases(process.env.TEST_POSTGRES_URL as string);
      for (const name of SUBGRAPH_NAMES)
        env[`${name.toUpperCase()}_DATABASE_URL`] = databases.urls[name];
    }
    cleanup = async () => {
      await databases?.drop();
      await rm(dataDir, { recursive: true, force: true });
    };
    // Each subgraph's real database and migrations; reads recorded in DWP's and MoJ's.
    const config = loadConfig(env);
    const create = {
      identity: createIdentityDatabase,
      dwp: createDwpDatabase,
      moj: createMojDatabase,
      vcs: createVcsDatabase,
    };
    for (const name of SUBGRAPH_NAMES) {
      const database = await openDatabase(create[name](config.subgraphs[name]));
      const reads = { identity: 0, dwp: 3, moj: 1, vcs: 0 }[name];
      await new AuditLog(database).append(
        Array.from({ length: reads }, (_, i) => coordinatorRead(`r${i}`, [`KEY${i}`])),
      );
      await closeDatabase(database);
    }
  });

  afterAll(() => cleanup());

  it('says each chain is intact, then which is broken and where', async () => {
    expect(await verify(env)).toEqual({
      code: EXIT.intact,
      out: [
        'identity: 0 rows, chain intact',
        'dwp: 3 rows, chain intact',
        'moj: 1 row, chain intact',
        'vcs: 0 rows, chain intact',
      ],
      err: [],
    });
    const clean = await runScript(env);
    expect(clean).toMatchObject({ code: 0, stderr: '' });
    expect(clean.stdout).toContain('dwp: 3 rows, chain intact\n');

    const setSubject = async (subject: string) => {
      const dwp = await openDatabase(createDwpDatabase(loadConfig(env).subgraphs.dwp));
      await dropAuditTriggers(dwp);
      await dwp.query(`UPDATE "audit_log" SET "subject" = '${subject}' WHERE "seq" = 2`);
      await closeDatabase(dwp);
    };
    await setSubject('someone-else');

    expect(await verify(env)).toEqual({
      code: EXIT.broken,
      out: [
        'identity: 0 rows, chain intact',
        'dwp: chain broken at row 2: hash does not match its contents',
        'moj: 1 row, chain intact',
        'vcs: 0 rows, chain intact',
      ],
      err: [],
    });
    const broken = await runScript(env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      'dwp: chain broken at row 2: hash does not match its contents\n',
    );

    // Put back as it was, the row matches its hash again.
    await setSubject('user-7f3a');
    expect((await verify(env)).code).toBe(EXIT.intact);
  });

  it('exits 2 with a plain message when a setting or a database is wrong', async () => {
    const badSetting = await verify({ ...env, DWP_DATABASE_URL: 'not a url' });
    expect(badSetting).toMatchObject({ code: EXIT.error, out: [] });
    expect(badSetting.err.join('\n')).toContain('DWP_DATABASE_URL');

    const unreachable = await runScript({
      ...env,
      MOJ_DATABASE_URL: 'postgres://hub:hub@127.0.0.1:1/nowhere',
    });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/^moj: could not verify the audit chain: .*ECONNREFUSED/m);
    expect(unreachable.stderr).not.toMatch(/\n\s+at /);
  });

  if (engine === 'sqlite') {
    it('does not create a database that is not there', async () => {
      const empty = await mkdtemp(path.join(tmpdir(), 'hub-audit-empty-'));
      try {
        const result = await verify({ DATA_DIR: empty });
        expect(result.code).toBe(EXIT.error);
        expect(result.err).toEqual(
          SUBGRAPH_NAMES.map(
            (name) =>
              `${name}: no database at ${path.join(empty, `${name}.sqlite`)} (is DATA_DIR right?)`,
          ),
        );
      } finally {
        await rm(empty, { recursive: true, force: true });
      }
    });
  }
});

describe('a reseed', () => {
  it('with --reset replaces the demo data and leaves the audit as it was', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-audit-reseed-'));
    try {
      const config = loadConfig({ DATA_DIR: dataDir });
      const options = parseSeedArguments(['--people', '5', '--seed', '3']);
      await seed(config, options);
      let dwp = await openDatabase(createDwpDatabase(config.subgraphs.dwp));
      await new AuditLog(dwp).append([coordinatorRead('r1', ['KEY1'])]);
      await closeDatabase(dwp);

      await seed(config, { ...options, reset: true });
      dwp = await openDatabase(createDwpDatabase(config.subgraphs.dwp));
      try {
        expect((await new AuditLog(dwp).entriesFor('Claimant', ['KEY1'])).length).toBe(1);
      } finally {
        await closeDatabase(dwp);
      }
      expect((await verify({ DATA_DIR: dataDir })).out).toContain('dwp: 1 row, chain intact');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
