import type { RequestContext } from '../auth/roles';

/**
 * How many answers are kept at once, and for how long: a request's calls come within seconds,
 * and a coordinator's scope may hold thousands of ids, so few and briefly.
 */
const KEPT = 200;
const KEPT_MS = 15_000;

/**
 * Values kept for one gateway request (and arguments), briefly. Keyed by the gateway's nonce,
 * which no client can choose, and by the caller; a request with no nonce has no key.
 */
export class PerRequest<T> {
  private readonly kept = new Map<string, { until: number; value: T }>();

  static key(request: RequestContext, args: readonly unknown[] = []): string | undefined {
    if (!request.nonce) return undefined;
    const { subject, role, organisation } = request.caller;
    return JSON.stringify([request.nonce, subject, role, organisation, request.purpose, args]);
  }

  get(key: string): T | undefined {
    const hit = this.kept.get(key);
    return hit && hit.until > Date.now() ? hit.value : undefined;
  }

  set(key: string, value: T): void {
    this.kept.delete(key);
    this.kept.set(key, { until: Date.now() + KEPT_MS, value });
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
  }

  delete(key: string, value: T): void {
    if (this.kept.get(key)?.value === value) this.kept.delete(key);
  }
}

/**
 * `work`, done once per gateway request (and arguments), however many of that request's calls
 * ask: the gateway's calls to one subgraph and the services' calls on the request's behalf share
 * the answer. A call with no nonce does the work afresh. A failure is not kept.
 */
export function perGatewayRequest<A extends unknown[], T>(
  work: (request: RequestContext, ...args: A) => Promise<T>,
): (request: RequestContext, ...args: A) => Promise<T> {
  const answers = new PerRequest<Promise<T>>();
  return (request, ...args) => {
    const key = PerRequest.key(request, args);
    if (key === undefined) return work(request, ...args);
    const kept = answers.get(key);
    if (kept) return kept;
    const answer = work(request, ...args);
    answers.set(key, answer);
    answer.catch(() => answers.delete(key, answer));
    return answer;
  };
}
