import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// Servers of our own for tests that stop and start them: the shared PostgreSQL and Redis serve
// other test files at the same time and must never be stopped.

const run = promisify(execFile);

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Redis of this test's own, on a free port, without persistence: stop it and start it again. */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  /** Null, with the reason printed, when redis-server is not installed. */
  static async start(): Promise<PrivateRedis | null> {
    if (!(await onPath('redis-server'))) {
      process.stdout.write('skipped: redis-server is not on PATH\n');
      return null;
    }
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = [
      '--port',
      `${this.port}`,
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.child = child;
    for (let tries = 0; ; tries++) {
      if (await accepts(this.port)) return;
      if (child.exitCode !== null || tries > 100) throw new Error('redis-server did not start');
      await pause(50);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
}

/**
 * A PostgreSQL cluster of this test's own, from the Debian binaries, in a temporary directory,
 * on a free port, trusting local connections. As root, it runs as the `postgres` user: initdb
 * and pg_ctl refuse root.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** Null, with the reason printed, when the PostgreSQL server binaries are not installed. */
  static async start(): Promise<PrivatePostgres | null> {
    const bin = postgresBinaries();
    if (!bin) {
      process.stdout.write('skipped: no PostgreSQL server under /usr/lib/postgresql/*/bin\n');
      return null;
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'hub-postgres-'));
    const cluster = new PrivatePostgres(bin, dir, await freePort());
    try {
      if (process.getuid?.() === 0) {
        const { stdout } = await run('id', ['-u', 'postgres']);
        const { stdout: group } = await run('id', ['-g', 'postgres']);
        await chown(dir, Number(stdout), Number(group));
      }
      await cluster.as('initdb', [
        '-D',
        cluster.data,
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--no-sync',
      ]);
      await cluster.start();
      return cluster;
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  /** The superuser's URL, for createTestDatabases. */
  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      `-k ${this.dir}`,
      '-c listen_addresses=127.0.0.1',
      // A test cluster: a crash may lose it; a clean stop (all these tests make) loses nothing.
      '-c fsync=off',
      '-c full_page_writes=off',
    ].join(' ');
    const log = path.join(this.dir, 'server.log');
    await this.as('pg_ctl', ['-D', this.data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
  }

  /** A fast shutdown: sessions are ended, open transactions rolled back, the rest kept. */
  async stop(): Promise<void> {
    await this.as('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private async as(program: string, args: string[]): Promise<void> {
    const binary = path.join(this.bin, program);
    const [command, all] =
      process.getuid?.() === 0
        ? ['runuser', ['-u', 'postgres', '--', binary, ...args]]
        : [binary, args];
    await run(command, all, { cwd: this.dir });
  }
}

/** The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

async function onPath(program: string): Promise<boolean> {
  return run('sh', ['-c', `command -v ${program}`]).then(
    () => true,
    () => false,
  );
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
