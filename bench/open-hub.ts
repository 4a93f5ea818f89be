import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { ListeningMessage } from '../lib/service';
import { SUBGRAPH_NAMES } from '../lib/subgraphs';

const ENTRY_POINT = path.join(__dirname, 'open-service.js');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

interface Running {
  child: ChildProcess;
  port: number;
}

/**
 * The hub without access control (bench/open-service.ts), as child processes of this one: the
 * four subgraphs on the databases in `env.DATA_DIR`, then a gateway that knows where they are.
 */
export class OpenHub {
  private readonly running: Running[] = [];
  private gatewayPort = 0;

  private constructor() {}

  static async start(env: NodeJS.ProcessEnv): Promise<OpenHub> {
    const hub = new OpenHub();
    try {
      // Settled, not all: a failed start must not leave a sibling that starts later running.
      const started = await Promise.allSettled(
        SUBGRAPH_NAMES.map((name) =>
          hub.spawn(name, { ...env, [`${name.toUpperCase()}_PORT`]: '0' }),
        ),
      );
      const failed = started.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      const subgraphs = started.map((result) => (result as PromiseFulfilledResult<Running>).value);
      const urls = SUBGRAPH_NAMES.map((name, i) => [
        `${name.toUpperCase()}_URL`,
        `http://127.0.0.1:${subgraphs[i].port}/graphql`,
      ]);
      const gateway = await hub.spawn('gateway', {
        ...env,
        ...Object.fromEntries(urls),
        GATEWAY_PORT: '0',
      });
      hub.gatewayPort = gateway.port;
    } catch (error) {
      await hub.stop();
      throw error;
    }
    return hub;
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.gatewayPort}`;
  }

  async stop(): Promise<void> {
    const stopping = this.running.splice(0).map(({ child }) => terminate(child));
    await Promise.all(stopping);
  }

  private async spawn(name: string, env: NodeJS.ProcessEnv): Promise<Running> {
    const child = fork(ENTRY_POINT, [name], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const lines: string[] = [];
    const keep = (chunk: Buffer) => {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      lines.splice(0, Math.max(0, lines.length - 40));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const running = await new Promise<Running>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`open ${name} did not start in time:\n${lines.join('\n')}`));
      }, START_TIMEOUT_MS);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(
          new Error(`open ${name} exited (code ${code}) before listening:\n${lines.join('\n')}`),
        );
      };
      child.once('exit', onExit);
      child.on('message', (message: ListeningMessage) => {
        if (message.type !== 'listening') return;
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve({ child, port: message.port });
      });
    });
    this.running.push(running);
    return running;
  }
}

/** SIGTERM lets the service drain; one that has not exited in time is killed. */
function terminate(child: ChildProcess): Promise<void> {
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
