import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import type { GraphQLError } from 'graphql';
import type { Agent } from 'undici';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../lib/auth/internal-token';
import type { RequestContext } from '../lib/auth/roles';
import type { Config } from '../lib/config';
import { ErrorCode, hubError } from '../lib/errors';
import { fetcherResponse, pooledAgent, post } from '../lib/http-client';
import { timedSubgraphCall } from '../lib/operation-metrics';
import { mergeQueries } from './merged-fetches';
import { withTraceContext } from '../lib/request-span';
import type { SubgraphName } from '../lib/subgraphs';

/** Kept-alive sockets to the subgraphs, closed by the gateway before the subgraphs would. */
export const createSubgraphAgent = pooledAgent;

/**
 * A pooled, time-bounded fetcher. A subgraph that is down or too slow becomes an
 * UPSTREAM_UNAVAILABLE error naming the service (not its address), and the gateway answers
 * the rest of the query.
 */
export function subgraphFetcher(
  name: SubgraphName,
  agent: Agent,
  timeoutMs: number,
  config: Config,
): Fetcher {
  return (async (url: string, init: { headers: Record<string, string>; body: string }) => {
    const headers = await signedHeaders(name, config, init);
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      return await timedSubgraphCall(name, async () =>
        fetcherResponse(url, await post(agent, url, headers, init.body, signal)),
      );
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

/** Carries the request's context from `willSendRequest` to the fetcher; never leaves the gateway. */
const CONTEXT_HEADER = 'x-hub-gateway-context';

/**
 * The internal token is signed over the exact body sent, which only the fetcher sees: the
 * request's context reaches it in a header that is swapped for the token here.
 */
async function signedHeaders(
  name: SubgraphName,
  config: Config,
  init: { headers: Record<string, string>; body: string },
): Promise<Record<string, string>> {
  const { [CONTEXT_HEADER]: carried, ...headers } = init.headers;
  if (!carried) throw new Error(`no request context for the ${name} call`);
  const context = JSON.parse(Buffer.from(carried, 'base64url').toString()) as RequestContext;
  const token = await signInternalToken(config, { audience: name, context, body: init.body });
  // Within the gateway's fetch span: the subgraph's span becomes its child.
  return withTraceContext({ ...headers, [INTERNAL_TOKEN_HEADER]: token });
}

type GatewayContext = RequestContext & Record<string, unknown>;
type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
/** A fetch for a user's request (not a health check): the only kind merged. */
type IncomingOptions = Extract<ProcessOptions, { incomingRequestContext: unknown }>;

interface Waiting {
  options: IncomingOptions;
  resolve: (answer: GatewayGraphQLResponse) => void;
  reject: (error: unknown) => void;
}

/**
 * Sends the queries one request's plan puts to this subgraph in the same turn of the event loop
 * as one query (gateway/merged-fetches.ts): the plan's parallel fetches. Anything else, or
 * anything that cannot be merged, goes as it came.
 */
class MergingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly waiting = new Map<GatewayContext, Waiting[]>();

  override process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    if (!('incomingRequestContext' in options) || options.request.extensions)
      return super.process(options);
    return new Promise((resolve, reject) => {
      let queue = this.waiting.get(options.context);
      if (!queue) {
        this.waiting.set(options.context, (queue = []));
        setImmediate(() => void this.send(options.context));
      }
      queue.push({ options, resolve, reject });
    });
  }

  private async send(context: GatewayContext): Promise<void> {
    const queue = this.waiting.get(context) ?? [];
    this.waiting.delete(context);
    const merged =
      queue.length > 1
        ? mergeQueries(queue.map(({ options }) => options.request.query ?? ''))
        : undefined;
    if (!merged) {
      for (const { options, resolve, reject } of queue)
        super.process(options).then(resolve, reject);
      return;
    }
    const [first] = queue;
    try {
      const answer = await super.process({
        ...first.options,
        request: {
          query: merged.query,
          operationName: merged.operationName,
          variables: merged.variables(queue.map(({ options }) => options.request.variables)),
        },
      });
      merged.split(answer).forEach((part, index) => queue[index].resolve(part));
    } catch (error) {
      for (const { reject } of queue) reject(error);
    }
  }
}

export function createSubgraphSource(
  name: SubgraphName,
  url: string,
  agent: Agent,
  config: Config,
): RemoteGraphQLDataSource<GatewayContext> {
  return new MergingDataSource({
    url,
    fetcher: subgraphFetcher(name, agent, config.gateway.subgraphTimeoutMs, config),
    willSendRequest({ request, context }) {
      const { caller, purpose, requestId, nonce } = context;
      // base64url: a header carries Latin-1 only, and names need not be.
      const carried = Buffer.from(JSON.stringify({ caller, purpose, requestId, nonce })).toString(
        'base64url',
      );
      request.http?.headers.set(CONTEXT_HEADER, carried);
    },
    errorFromResponse: (response: FetcherResponse) => errorFromSubgraph(name, response),
  });
}

/**
 * A subgraph that refused a request outright (HTTP 4xx/5xx, not a GraphQL answer). A value the
 * gateway passes through untyped, such as a Date that is no date, is the caller's to fix
 * (BAD_USER_INPUT); anything else is the subgraph's failure. Neither shows its address.
 */
export async function errorFromSubgraph(
  name: SubgraphName,
  response: Pick<FetcherResponse, 'status' | 'text'>,
): Promise<GraphQLError> {
  const body = await response.text().catch(() => '');
  let first: { message?: unknown; extensions?: { code?: unknown } } | undefined;
  try {
    first = (JSON.parse(body) as { errors?: (typeof first)[] }).errors?.[0];
  } catch {
    first = undefined;
  }
  if (response.status === 400 && first?.extensions?.code === ErrorCode.BAD_USER_INPUT) {
    return hubError(ErrorCode.BAD_USER_INPUT, withoutVariable(String(first.message)));
  }
  return hubError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    `The ${name} service could not answer (HTTP ${response.status}).`,
    { service: name },
  );
}

/**
 * graphql-js's message names the variable of the gateway's own operation and repeats the value;
 * the caller gets the argument's place and what the value should look like.
 */
function withoutVariable(message: string): string {
  const at = /" at "([^"]{1,100})"; /.exec(message)?.[1];
  const what = at ? `${at} has a value` : 'An argument has a value';
  const hint = /\bDate\b/.test(message) ? ' Write dates as YYYY-MM-DD, such as 2026-01-31.' : '';
  return `${what} its type does not accept.${hint}`;
}
