import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { Agent, fetch } from 'undici';
import { ErrorCode, hubError } from '../lib/errors';
import type { SubgraphName } from '../lib/subgraphs';

/** Shorter than the subgraphs' own keep-alive, so the gateway always closes an idle socket first. */
const IDLE_SOCKET_MS = 30_000;

export function createSubgraphAgent(): Agent {
  return new Agent({ keepAliveTimeout: IDLE_SOCKET_MS, keepAliveMaxTimeout: IDLE_SOCKET_MS });
}

/**
 * A pooled, time-bounded fetcher. A subgraph that is down or too slow becomes an
 * UPSTREAM_UNAVAILABLE error naming the service (not its address), and the gateway answers
 * the rest of the query.
 */
export function subgraphFetcher(name: SubgraphName, agent: Agent, timeoutMs: number): Fetcher {
  return (async (url: string, init: Record<string, unknown>) => {
    try {
      return await fetch(url, {
        ...init,
        dispatcher: agent,
        signal: AbortSignal.timeout(timeoutMs),
      } as Parameters<typeof fetch>[1]);
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw hubError(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        timedOut
          ? `The ${name} service did not answer within ${timeoutMs} ms.`
          : `The ${name} service is not answering.`,
        { service: name },
      );
    }
  }) as unknown as Fetcher;
}

export function createSubgraphSource(
  name: SubgraphName,
  url: string,
  agent: Agent,
  timeoutMs: number,
): RemoteGraphQLDataSource {
  return new RemoteGraphQLDataSource({ url, fetcher: subgraphFetcher(name, agent, timeoutMs) });
}
