import type { Request, RequestHandler } from 'express';
import type { RequestContext } from './auth/roles';
import type { Logger } from './logger';

/** The header that names a request, from the caller or the gateway, on every hop. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * One line per request as it ends: its id (the same on the gateway and every subgraph it
 * reached), what was asked for, the answer's status and time, and the caller's role and purpose.
 * Never a body, a variable, a header's value or a token: those may name a person.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const started = performance.now();
    response.once('finish', () => {
      const context = response.locals.request as RequestContext | undefined;
      logger.info(
        {
          requestId: context?.requestId ?? response.getHeader(REQUEST_ID_HEADER),
          method: request.method,
          path: requestPath(request),
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
          role: context?.caller.role,
          purpose: context?.purpose ?? undefined,
        },
        'request',
      );
    });
    next();
  };
}

/** Where a request went, never its query string: a GET carries its variables there. */
export const requestPath = (request: Request): string =>
  request.baseUrl + (request.path === '/' ? '' : request.path);
