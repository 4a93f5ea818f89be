import type { Agent } from 'undici';
import { fetch } from 'undici';
import type { Config } from '../lib/config';
import type { RedisClient } from '../lib/redis';
import { SUBGRAPH_NAMES, type SubgraphName } from '../lib/subgraphs';

const PROBE_TIMEOUT_MS = 2_000;

type ServiceState = 'ready' | 'unavailable';

export interface Readiness {
  status: ServiceState;
  subgraphs: Record<SubgraphName, ServiceState>;
  /** Unavailable subgraphs, by name. */
  unavailable: SubgraphName[];
  /** Reported, never a reason to be unready: the hub serves on without Redis. */
  redis: 'ready' | 'unavailable' | 'not configured';
}

function readinessUrl(graphqlUrl: string): string {
  return new URL('/readyz', graphqlUrl).toString();
}

async function probe(url: string, agent: Agent): Promise<ServiceState> {
  try {
    const response = await fetch(readinessUrl(url), {
      dispatcher: agent,
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? 'ready' : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

/** Asks every subgraph's /readyz (which checks its own database) at once. */
export async function checkReadiness(
  config: Config,
  agent: Agent,
  redis: RedisClient | undefined,
): Promise<Readiness> {
  const states = await Promise.all(
    SUBGRAPH_NAMES.map((name) => probe(config.subgraphs[name].url, agent)),
  );
  const subgraphs = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, states[i]]));
  const unavailable = SUBGRAPH_NAMES.filter((_, i) => states[i] === 'unavailable');
  return {
    status: unavailable.length ? 'unavailable' : 'ready',
    subgraphs: subgraphs as Readiness['subgraphs'],
    unavailable,
    redis: !redis ? 'not configured' : redis.isReady ? 'ready' : 'unavailable',
  };
}
