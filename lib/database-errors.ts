import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode } from './errors';
import type { Logger } from './logger';

/** Socket errors: the database is not there, or went away mid-statement. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
/** PostgreSQL's: shutting down or starting up, or out of connections. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres's own words for a connection that ended or never came. */
const DRIVER_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** Whether `error` says the database cannot be reached now, rather than that a statement failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')) return true;
  }
  return typeof message === 'string' && DRIVER_MESSAGES.test(message);
}

type FormatError = NonNullable<ApolloServerOptions<BaseContext>['formatError']>;

/**
 * A subgraph's `formatError`: an error because its database is down or restarting becomes
 * UPSTREAM_UNAVAILABLE naming the service and saying to try again, never the driver's message
 * (which names the database's address). The caller may retry; the cause goes to the log.
 */
export function databaseUnavailableErrors(service: string, logger: Logger): FormatError {
  return (formatted, error) => {
    const cause = unwrapResolverError(error);
    if (!isDatabaseUnavailable(cause)) return formatted;
    logger.warn({ err: cause }, 'database not answering');
    return {
      message: `The ${service} service's database is not answering; try again shortly.`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE, service },
    };
  };
}
