import path from 'node:path';
import { SUBGRAPH_NAMES } from '../lib/subgraphs';
import { type Running, forkService, terminate } from '../scripts/hub';

const ENTRY_POINT = path.join(__dirname, 'open-service.js');

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
    const running = await forkService(`open ${name}`, ENTRY_POINT, [name], env, 'capture');
    this.running.push(running);
    return running;
  }
}
