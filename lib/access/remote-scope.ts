import type { Config } from '../config';
import type { Logger } from '../logger';
import { SubgraphCallError, callSubgraph } from '../internal-call';
import { perGatewayRequest } from './per-request';
import {
  type RecordScopes,
  type ScopeLookup,
  isUnscoped,
  scopeUnavailable,
  unrestricted,
} from './scope';

interface ScopeAnswer {
  accessScope: { kind: string; only: string[] | null; except: string[] }[];
}

/**
 * A controller's scope lookup: it asks the identity service, which knows whose records are
 * whose, on behalf of the request's user, once per gateway request. If identity cannot say,
 * nothing person-level is shown.
 */
export function identityScopeClient(config: Config, logger: Logger): ScopeLookup {
  return perGatewayRequest(async (request, kinds) => {
    if (isUnscoped(request) || !kinds.length) return unrestricted(kinds);
    let answer: ScopeAnswer;
    try {
      answer = await callSubgraph<ScopeAnswer>(config, 'identity', request, {
        query: 'query ($kinds: [String!]!) { accessScope(kinds: $kinds) { kind only except } }',
        variables: { kinds },
      });
    } catch (error) {
      if (!(error instanceof SubgraphCallError)) throw error;
      logger.warn({ reason: error.message }, "could not ask identity for a request's scope");
      throw scopeUnavailable();
    }
    const scopes: Record<string, { only: Set<string> | null; except: Set<string> }> = {};
    for (const { kind, only, except } of answer.accessScope) {
      scopes[kind] = { only: only && new Set(only), except: new Set(except) };
    }
    return scopes as RecordScopes;
  });
}
