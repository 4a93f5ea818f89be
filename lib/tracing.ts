import { DiagLogLevel, type DiagLogger, diag } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingSettings } from './config';
import type { Logger } from './logger';

export interface Tracing {
  /** Sends the spans still queued. */
  flush(): Promise<void>;
  /** Sends the spans still queued and stops; failures are logged, never thrown. */
  shutdown(): Promise<void>;
}

let registered = false;
const SHUTDOWN_MS = 3_000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Whether this process exports spans; when not, the request spans cost nothing at all. */
export const tracingOn = () => registered;

/**
 * Registers this process's tracer provider when an OTLP endpoint is configured; otherwise
 * registers nothing, so every span the gateway or our middleware starts is a no-op.
 * Spans leave in batches, off the request path: a collector that is down or slow loses spans
 * (a bounded queue) and logs a warning now and then, it never fails or delays an answer.
 */
export function startTracing(
  service: string,
  settings: TracingSettings | undefined,
  logger: Logger,
): Tracing | undefined {
  if (!settings) return undefined;
  diag.setLogger(exportProblems(logger), {
    logLevel: DiagLogLevel.WARN,
    suppressOverrideMessage: true,
  });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: `hub-${service}` }),
    sampler: sampler(settings.sampleRatio, service === 'gateway'),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }))],
  });
  // Trace context only: baggage is neither read from callers nor passed on.
  provider.register({ propagator: new W3CTraceContextPropagator() });
  registered = true;
  const quietly = (work: Promise<void>) =>
    work.catch((error: unknown) => logger.warn({ err: error }, 'trace export failed'));
  return {
    flush: () => quietly(provider.forceFlush()),
    shutdown: async () => {
      // A collector that does not answer must not hold the service up as it stops.
      await Promise.race([quietly(provider.shutdown()), delay(SHUTDOWN_MS)]);
      registered = false;
    },
  };
}

/**
 * A new trace is kept at the configured ratio, decided on its id. Inside the hub a span follows
 * its parent's decision, so a trace is whole or absent. The gateway does not let an outside
 * caller decide: it continues the caller's trace id but samples it by the ratio itself, so a
 * client cannot make every request exported, nor hide one.
 */
function sampler(ratio: number, edge: boolean): Sampler {
  const byRatio = new TraceIdRatioBasedSampler(ratio);
  return new ParentBasedSampler({
    root: byRatio,
    ...(edge ? { remoteParentSampled: byRatio, remoteParentNotSampled: byRatio } : {}),
  });
}

const WARN_EVERY_MS = 60_000;

/** OpenTelemetry's own complaints (mostly failed exports), as at most one warning a minute. */
function exportProblems(logger: Logger): DiagLogger {
  let lastWarned = -Infinity;
  let unreported = 0;
  const warn = (message: string) => {
    const now = Date.now();
    if (now - lastWarned < WARN_EVERY_MS) {
      unreported++;
      return;
    }
    logger.warn({ problem: message, alsoSinceLastWarning: unreported }, 'tracing trouble');
    lastWarned = now;
    unreported = 0;
  };
  const ignore = () => {};
  return { error: warn, warn, info: ignore, debug: ignore, verbose: ignore };
}
