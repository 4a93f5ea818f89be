import path from 'node:path';
import { SUBGRAPH_NAMES, type ServiceName, type SubgraphName } from '../lib/subgraphs';
import { type Running, forkService, freePorts, terminate } from '../scripts/hub';

const ENTRY_POINT = path.join(__dirname, 'open-service.js');

export interface OpenHubOptions {
  /** Start the plain ApolloGateway too (default); without it, only the four subgraphs. */
  gateway?: boolean;
  /** Whose caseload `myCaseload` answers with (default `bench`). */
  organisation?: string;
  /** What one service's environment adds, e.g. identity's internal-token key file. */
  serviceEnv?: Partial<Record<ServiceName, NodeJS.ProcessEnv>>;
}

/**
 * The hub without access control (bench/open-service.ts), as child processes of this one: the
 * four subgraphs on the databases in `env.DATA_DIR`, each knowing where the others are (identity
 * asks the controllers for facts), then a gateway that knows where they are.
 */
export class OpenHub {
  private readonly running: Running[] = [];
  private gatewayPort = 0;
  /** Where each open subgraph answers GraphQL. */
  readonly subgraphUrls = {} as Record<SubgraphName, string>;
  /** Each service's process id, by name (`gateway` too, when started). */
  readonly pids: Record<string, number> = {};

  private constructor(private readonly organisation: string) {}

  static async start(env: NodeJS.ProcessEnv, options: OpenHubOptions = {}): Promise<OpenHub> {
    const hub = new OpenHub(options.organisation ?? 'bench');
    try {
      const ports = await freePorts(SUBGRAPH_NAMES.length);
      SUBGRAPH_NAMES.forEach((name, i) => {
        hub.subgraphUrls[name] = `http://127.0.0.1:${ports[i]}/graphql`;
      });
      const urls = Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, hub.subgraphUrls[name]]),
      );
      // Settled, not all: a failed start must not leave a sibling that starts later running.
      const started = await Promise.allSettled(
        SUBGRAPH_NAMES.map((name, i) =>
          hub.spawn(name, {
            ...env,
            ...options.serviceEnv?.[name],
            ...urls,
            [`${name.toUpperCase()}_PORT`]: `${ports[i]}`,
          }),
        ),
      );
      const failed = started.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      if (options.gateway ?? true) {
        const gateway = await hub.spawn('gateway', {
          ...env,
          ...options.serviceEnv?.gateway,
          ...urls,
          GATEWAY_PORT: '0',
        });
        hub.gatewayPort = gateway.port;
      }
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
    const args = [name, this.organisation];
    const running = await forkService(`open ${name}`, ENTRY_POINT, args, env, 'capture');
    this.running.push(running);
    if (running.child.pid) this.pids[name] = running.child.pid;
    return running;
  }
}
