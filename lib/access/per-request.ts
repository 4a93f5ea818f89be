import type { RequestContext } from '../auth/roles';

/**
 * How many answers are kept at once, and for how long: a request's calls come within seconds,
 * and a coordinator's scope may hold thousands of ids, so few and briefly.
 */
const KEPT = 200;
const KEPT_MS = 15_000;

/**
 * `work`, done once per gateway request (and arguments), however many of that request's calls
 * ask: the gateway's calls to one subgraph and the services' calls on the request's behalf share
 * the answer. Keyed by the gateway's nonce, which no client can choose, and by the caller; a call
 * with no nonce does the work afresh. A failure is not kept.
 */
export function perGatewayRequest<A extends unknown[], T>(
  work: (request: RequestContext, ...args: A) => Promise<T>,
): (request: RequestContext, ...args: A) => Promise<T> {
  const kept = new Map<string, { until: number; answer: Promise<T> }>();
  return (request, ...args) => {
    if (!request.nonce) return work(request, ...args);
    const { subject, role, organisation } = request.caller;
    const key = JSON.stringify([request.nonce, subject, role, organisation, request.purpose, args]);
    const now = Date.now();
    const hit = kept.get(key);
    if (hit && hit.until > now) return hit.answer;
    const answer = work(request, ...args);
    kept.set(key, { until: now + KEPT_MS, answer });
    answer.catch(() => kept.delete(key));
    if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
    return answer;
  };
}
