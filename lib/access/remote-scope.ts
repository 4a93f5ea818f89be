import type { Config } from '../config';
import type { Logger } from '../logger';
import { SubgraphCallError, callSubgraph } from '../internal-call';
import type { AcceptedScope } from './handed-scope';
import { PerRequest, perGatewayRequest } from './per-request';
import {
  type RecordScope,
  type RecordScopes,
  type ScopeLookup,
  isUnscoped,
  scopeUnavailable,
  unrestricted,
} from './scope';

interface ScopeAnswer {
  accessScope: { kind: string; only: string[] | null; except: string[] }[];
}

/** A controller's scope lookup, which also keeps the scopes identity hands over. */
export interface RemoteScopeLookup extends ScopeLookup {
  /** Keeps a user's scope that identity handed over, for the rest of that user's request. */
  accept(handed: AcceptedScope): void;
}

/**
 * A controller's scope lookup: it asks the identity service, which knows whose records are
 * whose, on behalf of the request's user, once per gateway request, unless identity already
 * handed that request's scope over when it called this controller for the same request. If
 * identity cannot say, nothing person-level is shown.
 */
export function identityScopeClient(config: Config, logger: Logger): RemoteScopeLookup {
  const handed = new PerRequest<ReadonlyMap<string, RecordScope>>();
  const ask = perGatewayRequest(async (request, kinds: readonly string[]) => {
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
    const scopes: Record<string, RecordScope> = {};
    for (const { kind, only, except } of answer.accessScope) {
      scopes[kind] = { only: only && new Set(only), except: new Set(except) };
    }
    return scopes as RecordScopes;
  });
  const lookup: ScopeLookup = (request, kinds) => {
    if (isUnscoped(request) || !kinds.length) return Promise.resolve(unrestricted(kinds));
    const key = PerRequest.key(request);
    const kept = key === undefined ? undefined : handed.get(key);
    if (kept && kinds.every((kind) => kept.has(kind))) {
      const scopes = Object.fromEntries(kinds.map((kind) => [kind, kept.get(kind)]));
      return Promise.resolve(scopes as RecordScopes);
    }
    return ask(request, kinds);
  };
  return Object.assign(lookup, {
    accept: ({ user, scopes }: AcceptedScope) => {
      const key = PerRequest.key(user);
      if (key !== undefined) handed.set(key, scopes);
    },
  });
}
