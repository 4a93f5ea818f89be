import { IDENTITY_SERVICE_CALLER, Purpose, type RequestContext } from '../../../lib/auth/roles';
import type { Config } from '../../../lib/config';
import { callSubgraph } from '../../../lib/internal-call';
import type { SubgraphName } from '../../../lib/subgraphs';

/** A question to one controller about a reporting cohort. */
export type AskController = <T>(
  subgraph: SubgraphName,
  query: string,
  variables: Record<string, unknown>,
) => Promise<T>;

/**
 * Identity asking a controller for a reporting tool, for statistics only: a grant no user token
 * can carry, with the user's request id so the controllers' logs name the request.
 */
export function reportingCalls(config: Config | undefined, request: RequestContext): AskController {
  return (subgraph, query, variables) => {
    if (!config) throw new Error('This service was started without the hub settings.');
    return callSubgraph(
      config,
      subgraph,
      {
        caller: { ...IDENTITY_SERVICE_CALLER, purposes: [Purpose.STATISTICS] },
        purpose: Purpose.STATISTICS,
        requestId: request.requestId,
        nonce: request.nonce,
      },
      { query, variables, timeoutMs: 60_000 },
    );
  };
}
