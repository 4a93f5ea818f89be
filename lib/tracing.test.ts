import { ROOT_CONTEXT, context, diag, propagation, trace } from '@opentelemetry/api';
import type { Logger } from './logger';
import { startTracing, tracingOn } from './tracing';

const CALLER_NOT_SAMPLED = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00';

// Exports themselves cannot run under jest (the exporter loads node:http by a dynamic import);
// test/tracing.e2e.test.ts sees them, and a collector that is down, from the real services.
const quietLogger = () => ({ warn: jest.fn() }) as unknown as Logger;

/** A span started as the child of a caller that chose not to sample its trace. */
function spanUnderUnsampledCaller() {
  const parent = propagation.extract(ROOT_CONTEXT, { traceparent: CALLER_NOT_SAMPLED });
  return trace.getTracer('test').startSpan('request', {}, parent);
}

afterEach(() => {
  trace.disable();
  propagation.disable();
  context.disable();
  diag.disable();
});

describe('startTracing', () => {
  it('registers nothing without an endpoint: spans record nothing and carry no header', () => {
    expect(startTracing('gateway', undefined, quietLogger())).toBeUndefined();

    expect(tracingOn()).toBe(false);
    const span = trace.getTracer('test').startSpan('request');
    expect(span.isRecording()).toBe(false);
    const headers: Record<string, string> = {};
    context.with(trace.setSpan(context.active(), span), () =>
      propagation.inject(context.active(), headers),
    );
    expect(headers).toEqual({});
  });

  it('with an endpoint, records spans and passes on W3C trace context, never baggage', async () => {
    const tracing = startTracing(
      'identity',
      { tracesUrl: 'http://127.0.0.1:9/v1/traces', sampleRatio: 1 },
      quietLogger(),
    );

    expect(tracingOn()).toBe(true);
    const span = trace.getTracer('test').startSpan('request');
    expect(span.isRecording()).toBe(true);
    const headers: Record<string, string> = {};
    const withBaggage = propagation.setBaggage(
      trace.setSpan(ROOT_CONTEXT, span),
      propagation.createBaggage({ name: { value: 'someone' } }),
    );
    propagation.inject(withBaggage, headers);
    expect(Object.keys(headers)).toEqual(['traceparent']);
    expect(headers.traceparent).toContain(span.spanContext().traceId);
    span.end();
    await tracing?.shutdown();
    expect(tracingOn()).toBe(false);
  });

  it('lets a subgraph follow its caller’s sampling, and the gateway decide for itself', async () => {
    const settings = { tracesUrl: 'http://127.0.0.1:9/v1/traces', sampleRatio: 1 };
    const subgraph = startTracing('dwp', settings, quietLogger());
    expect(spanUnderUnsampledCaller().isRecording()).toBe(false);
    await subgraph?.shutdown();
    trace.disable();

    const gateway = startTracing('gateway', settings, quietLogger());
    const span = spanUnderUnsampledCaller();
    expect(span.isRecording()).toBe(true);
    expect(span.spanContext().traceId).toBe(CALLER_NOT_SAMPLED.split('-')[1]);
    await gateway?.shutdown();
  });
});
