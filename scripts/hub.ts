import { type ChildProcess, type StdioOptions, fork } from 'node:child_process';
import { type AddressInfo, type Server, createServer } from 'node:net';
import path from 'node:path';
import { DIST_DIR } from '../lib/paths';
import type { ListeningMessage } from '../lib/service';
import { SUBGRAPH_NAMES, type ServiceName } from '../lib/subgraphs';

export type { ServiceName };

const ENTRY_POINTS: Record<ServiceName | 'seed', string> = {
  identity: 'subgraphs/identity/index.js',
  dwp: 'subgraphs/dwp/index.js',
  moj: 'subgraphs/moj/index.js',
  vcs: 'subgraphs/vcs/index.js',
  gateway: 'gateway/index.js',
  seed: 'seed/load.js',
};

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface HubOptions {
  /** The environment every service starts with (config is read from it). */
  env: NodeJS.ProcessEnv;
  /** What one service's environment adds to `env`, e.g. its own internal-token key file. */
  serviceEnv?: Partial<Record<ServiceName, NodeJS.ProcessEnv>>;
  /** Load the demo dataset into empty databases before starting. */
  seed: boolean;
  /** Options for that seed, e.g. ['--people', '4000'] (see `npm run seed -- --help`). */
  seedArguments?: string[];
  /** 'inherit' shows every service's logs; 'capture' keeps them for error messages only. */
  output: 'inherit' | 'capture';
  /** How long to wait for identity's first link before giving up (default two minutes). */
  readyTimeoutMs?: number;
}

export interface Running {
  child: ChildProcess;
  port: number;
  /** The last lines it printed (its logs), when its output is captured. */
  printed: () => string;
}

/** The whole hub as child processes of this one: four subgraphs, then the gateway. */
export class Hub {
  private readonly running = new Map<ServiceName, Running>();
  /** Ports chosen up front for services configured with port 0, so each knows the others'. */
  private readonly reserved = new Map<ServiceName, number>();

  private constructor(private readonly options: HubOptions) {}

  static async start(options: HubOptions): Promise<Hub> {
    const hub = new Hub(options);
    try {
      if (options.seed) await hub.runToCompletion('seed');
      await hub.reserveFreePorts();
      // Identity pulls the domain subgraphs' feeds, so it starts once it knows where they are.
      const domains = SUBGRAPH_NAMES.filter((name) => name !== 'identity');
      await Promise.all(domains.map((name) => hub.startService(name)));
      await hub.startService('identity');
      await hub.startService('gateway');
      await hub.waitUntilReady(options.readyTimeoutMs);
    } catch (error) {
      await hub.stop();
      throw error;
    }
    return hub;
  }

  /** Until the gateway's /readyz says every subgraph is ready: identity has linked the feeds. */
  async waitUntilReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      const response = await fetch(`${this.gatewayUrl}/readyz`).catch(() => null);
      if (response?.ok) return;
      last = response ? await response.text() : 'no answer';
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the hub was not ready after ${timeoutMs / 1000} s: ${last}`);
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.port('gateway')}`;
  }

  port(name: ServiceName): number {
    const service = this.running.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service.port;
  }

  /** What a service has printed lately (with `output: 'capture'`): JSON log lines. */
  logs(name: ServiceName): string[] {
    const service = this.running.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service.printed().split('\n').filter(Boolean);
  }

  /** A running service's process, for a test to signal (SIGSTOP makes it hang, SIGCONT resumes). */
  process(name: ServiceName): ChildProcess {
    const service = this.running.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service.child;
  }

  /** Starts one service; a restarted subgraph comes back on the port the gateway knows. */
  async startService(name: ServiceName, portOverride?: number): Promise<void> {
    const own = this.options.serviceEnv?.[name];
    const env = { ...this.options.env, ...own, ...this.portEnv(name, portOverride) };
    const service = await spawnService(name, env, this.options.output);
    this.running.set(name, service);
    service.child.once('exit', (code, signal) => {
      if (this.running.get(name) !== service) return; // stopped on purpose
      this.running.delete(name);
      const last = service.printed().split('\n').slice(-10).join('\n');
      process.stderr.write(
        `${name} stopped unexpectedly (${signal ?? `exit code ${code}`}).\n${last && `Its last lines:\n${last}\n`}`,
      );
    });
  }

  async stopService(name: ServiceName): Promise<number> {
    const service = this.running.get(name);
    if (!service) throw new Error(`${name} is not running`);
    this.running.delete(name);
    await terminate(service.child);
    return service.port;
  }

  async stop(): Promise<void> {
    const stopping = [...this.running.values()].map(({ child }) => terminate(child));
    this.running.clear();
    await Promise.all(stopping);
  }

  /**
   * Subgraphs call each other (identity pulls feeds; the others ask identity whose records a
   * user may see), so a service configured with port 0 gets a free port chosen before any starts.
   */
  private async reserveFreePorts(): Promise<void> {
    const services: ServiceName[] = [...SUBGRAPH_NAMES, 'gateway'];
    const free = services.filter((name) => this.options.env[`${name.toUpperCase()}_PORT`] === '0');
    const ports = await freePorts(free.length);
    free.forEach((name, i) => this.reserved.set(name, ports[i]));
  }

  /** A service's own port, if fixed, and where the services it calls are listening. */
  private portEnv(name: ServiceName, portOverride?: number): NodeJS.ProcessEnv {
    const port = portOverride ?? this.reserved.get(name);
    const own = port === undefined ? {} : { [`${name.toUpperCase()}_PORT`]: `${port}` };
    const calls = SUBGRAPH_NAMES.filter((subgraph) => subgraph !== name)
      .map((subgraph) => [
        subgraph,
        this.running.get(subgraph)?.port ?? this.reserved.get(subgraph),
      ])
      .filter(([, at]) => at !== undefined)
      .map(([subgraph, at]) => [
        `${String(subgraph).toUpperCase()}_URL`,
        `http://127.0.0.1:${at}/graphql`,
      ]);
    return { ...Object.fromEntries(calls), ...own };
  }

  private async runToCompletion(name: 'seed'): Promise<void> {
    const args = ['--if-empty', ...(this.options.seedArguments ?? [])];
    const child = fork(path.join(DIST_DIR, ENTRY_POINTS[name]), args, {
      env: this.options.env,
      stdio: stdio(this.options.output),
    });
    const output = captureOutput(child);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`${name} failed (exit ${code}):\n${output()}`);
  }
}

/** `count` ports free right now, held together so none is handed out twice. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function stdio(output: HubOptions['output']): StdioOptions {
  return output === 'inherit'
    ? ['ignore', 'inherit', 'inherit', 'ipc']
    : ['ignore', 'pipe', 'pipe', 'ipc'];
}

/** Keeps the last lines a child printed, to explain a failed start or for a test to read. */
function captureOutput(child: ChildProcess): () => string {
  const lines: string[] = [];
  let partial = '';
  const keep = (chunk: Buffer) => {
    const [last, ...whole] = (partial + chunk.toString()).split('\n').reverse();
    partial = last;
    lines.push(...whole.reverse().filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - KEPT_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => [...lines, partial].join('\n');
}

function spawnService(name: ServiceName, env: NodeJS.ProcessEnv, output: HubOptions['output']) {
  return forkService(name, path.join(DIST_DIR, ENTRY_POINTS[name]), [], env, output);
}

/** Forks one service process and resolves once it says where it is listening. */
export function forkService(
  label: string,
  entryPoint: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  output: HubOptions['output'],
): Promise<Running> {
  const child = fork(entryPoint, args, { env, stdio: stdio(output) });
  const printed = captureOutput(child);
  return new Promise<Running>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start within ${START_TIMEOUT_MS} ms:\n${printed()}`));
    }, START_TIMEOUT_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (code ${code}) before it was listening:\n${printed()}`));
    };
    child.once('exit', onExit);
    child.on('message', (message: ListeningMessage) => {
      if (message.type !== 'listening') return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({ child, port: message.port, printed });
    });
  });
}

const KEPT_LINES = 400;

/** SIGTERM lets the service drain; one that has not exited in time is killed. */
export function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
