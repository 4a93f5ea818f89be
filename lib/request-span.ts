import {
  type Context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import type { RequestContext } from './auth/roles';
import { REQUEST_ID_HEADER, requestPath } from './request-log';
import { tracingOn } from './tracing';

const tracer = trace.getTracer('employment-support-hub');

/**
 * A server span for each request, continuing the caller's trace: method and path (never the
 * query string), status, request id, and the caller's role and purpose. Never a body, a variable,
 * a query, a token or who the user is. `fromOutside`: the caller is not a hub service, so its
 * `tracestate` is dropped (vendor data we did not write); its trace id is kept, for continuity.
 */
export function requestSpan(options: { fromOutside: boolean }): RequestHandler {
  if (!tracingOn()) return (_request, _response, next) => next();
  return (request, response, next) => {
    const extracted = propagation.extract(ROOT_CONTEXT, request.headers);
    const parent = options.fromOutside ? withoutTraceState(extracted) : extracted;
    const path = requestPath(request);
    const span = tracer.startSpan(
      `${request.method} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'http.route': path },
      },
      parent,
    );
    response.once('close', () => {
      const caller = response.locals.request as RequestContext | undefined;
      span.setAttributes({
        'http.response.status_code': response.statusCode,
        'hub.request_id': String(caller?.requestId ?? response.getHeader(REQUEST_ID_HEADER) ?? ''),
        ...(caller ? { 'hub.caller.role': caller.caller.role } : {}),
        ...(caller?.purpose ? { 'hub.purpose': caller.purpose } : {}),
      });
      if (response.statusCode >= 500 || !response.writableFinished) {
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    });
    const active = trace.setSpan(parent, span);
    // Body parsing and the answer run in stream callbacks: bound, they stay in this trace.
    context.bind(active, request);
    context.bind(active, response);
    context.with(active, next);
  };
}

function withoutTraceState(extracted: Context): Context {
  const remote = trace.getSpanContext(extracted);
  if (!remote) return extracted;
  const { traceId, spanId, traceFlags, isRemote } = remote;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags, isRemote });
}

/**
 * The current trace context as a `traceparent` header on a call to another hub service (none
 * when tracing is off). Headers are not covered by the internal token's signature, so this
 * changes nothing it signs.
 */
export function withTraceContext(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}
