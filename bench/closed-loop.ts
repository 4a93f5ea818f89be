import { performance } from 'node:perf_hooks';

/** What one bounded load run measured. */
export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  failures: number;
}

/**
 * `connections` callers, each sending its next request when the last is answered, for `seconds`
 * (and at most `maxRequests`); every latency is kept, so percentiles are exact.
 */
export async function closedLoop(
  send: (index: number) => Promise<boolean>,
  {
    seconds,
    connections,
    maxRequests = 1_000_000,
  }: { seconds: number; connections: number; maxRequests?: number },
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const caller = async () => {
    while (performance.now() < until && sent < maxRequests) {
      const index = sent++;
      const at = performance.now();
      const ok = await send(index).catch(() => false);
      latencies.push(performance.now() - at);
      if (!ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: connections }, caller));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    requests: latencies.length,
    failures,
  };
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
