import { INTERNAL_TOKEN_HEADER, signInternalToken } from './auth/internal-token';
import type { RequestContext } from './auth/roles';
import type { Config } from './config';
import { type Answered, pooledAgent, post } from './http-client';
import { withTraceContext } from './request-span';
import type { SubgraphName } from './subgraphs';

/** One pool of kept-alive sockets for all of this process's calls to other hub services. */
const AGENT = pooledAgent();

/** A subgraph did not answer a call from another hub service, or answered with errors. */
export class SubgraphCallError extends Error {}

/** A subgraph's answer with data: the data and each error with the path it came from. */
export interface SubgraphAnswer<T> {
  data: T;
  errors: { message: string; path?: readonly (string | number)[] }[];
}

interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  /** Sent beside the query, covered by the token's body hash like the rest. */
  extensions?: Record<string, unknown>;
  timeoutMs?: number;
  /** Abandons the call, e.g. when the service is stopping. */
  signal?: AbortSignal;
}

/**
 * One GraphQL call from a hub service straight to a subgraph (never through the gateway), signed
 * like the gateway signs, on behalf of `context`; returns `data`, or throws SubgraphCallError.
 */
export async function callSubgraph<T>(
  config: Config,
  subgraph: SubgraphName,
  context: RequestContext,
  operation: Operation,
): Promise<T> {
  const { data, errors } = await answerOf<T>(config, subgraph, context, operation);
  if (errors.length) {
    const reason = errors.map((e) => e.message).join('; ');
    throw new SubgraphCallError(`${subgraph} refused the call: ${reason}`);
  }
  return data;
}

/**
 * As callSubgraph, but an answer with data comes back with its errors, for a caller that asked
 * several root fields in one call and takes each field's failure alone. No data still throws.
 */
export async function answerOf<T>(
  config: Config,
  subgraph: SubgraphName,
  context: RequestContext,
  operation: Operation,
): Promise<SubgraphAnswer<T>> {
  const { query, variables = {}, extensions } = operation;
  const body = JSON.stringify(extensions ? { query, variables, extensions } : { query, variables });
  const token = await signInternalToken(config, { audience: subgraph, context, body });
  const timeout = AbortSignal.timeout(operation.timeoutMs ?? config.gateway.subgraphTimeoutMs);
  let response: Answered;
  try {
    response = await post(
      AGENT,
      config.subgraphs[subgraph].url,
      withTraceContext({ 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: token }),
      body,
      operation.signal ? AbortSignal.any([timeout, operation.signal]) : timeout,
    );
  } catch (error) {
    throw new SubgraphCallError(`${subgraph} did not answer: ${(error as Error).message}`);
  }
  const answer = parsed<Partial<SubgraphAnswer<T>>>(response.text) ?? {};
  if (response.status < 200 || response.status > 299 || !answer.data) {
    const reason = answer.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;
    throw new SubgraphCallError(`${subgraph} refused the call: ${reason}`);
  }
  return { data: answer.data, errors: answer.errors ?? [] };
}

function parsed<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
