import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { GraphQLError, type GraphQLFormattedError, type ParseOptions } from 'graphql';
import type { Config } from '../lib/config';
import { ErrorCode } from '../lib/errors';
import type { Logger } from '../lib/logger';

/**
 * The bounds on one GraphQL request. The numbers are graphql-armor's defaults; they are never
 * put in an error message, so a client cannot probe them.
 */
export const QUERY_LIMITS = {
  /**
   * Nested selections, the leaf field included: `{ a { b } }` is 2 deep. Eight: a caseload page
   * reaches a person's release establishment's name (myCaseload → edges → node → person →
   * prisoner → latestCustodyPeriod → establishment → name).
   */
  depth: 8,
  aliases: 15,
  directives: 50,
  /** Lexical tokens in the document, counted while parsing, so a huge document is never parsed. */
  tokens: 1_000,
  /** graphql-armor's cost: objects 2, scalars 1, times 1.5 per level of depth. */
  cost: 5_000,
} as const;

/** The largest request body (and GET query string) the gateway reads, in bytes. */
export const MAX_REQUEST_CHARACTERS = 15_000;

/** What a client is told when a document passes a limit. No numbers, so the limits stay unknown. */
export const LIMIT_MESSAGES = {
  depth: 'Query is too deep.',
  aliases: 'Query uses too many aliases.',
  directives: 'Query uses too many directives.',
  tokens: 'Query is too large.',
  cost: 'Query is too expensive.',
} as const;

export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong on our side. Quote the request id if you report it.';

/** The ApolloServer options that bound each request; spread them into the server's options. */
export interface QueryLimits<TContext extends BaseContext = BaseContext> {
  validationRules: NonNullable<ApolloServerOptions<TContext>['validationRules']>;
  plugins: ApolloServerPlugin<TContext>[];
  parseOptions: ParseOptions;
}

/**
 * Depth, aliases, directives and cost are graphql-armor validation rules; they refuse a document
 * with GRAPHQL_VALIDATION_FAILED (HTTP 400) and one of LIMIT_MESSAGES. Tokens are bounded by
 * graphql-js's own parser (`parseOptions.maxTokens`), which stops reading at the limit and
 * refuses with GRAPHQL_PARSE_FAILED (HTTP 400); armor's Apollo token plugin throws from a hook
 * Apollo Server 5 does not catch, which answers HTTP 500. Outside production, where
 * introspection shows the whole schema anyway, "Did you mean" suggestions are kept.
 */
export function queryLimits<TContext extends BaseContext = BaseContext>(
  config: Pick<Config, 'env'>,
): QueryLimits<TContext> {
  const report =
    (message: string): GraphQLArmorRejectCallback =>
    (context) =>
      context?.reportError(new GraphQLError(message));
  // propagateOnRejection false: armor does not throw its own "Syntax Error: …" error, and our
  // onReject callback reports the plain message in its place.
  const rule = (n: number, message: string) => ({
    n,
    // A fragment counts as the fields it stands for: otherwise each spread adds two levels of
    // depth and multiplies cost, and clients that use fragments lose most of the depth limit.
    flattenFragments: true,
    exposeLimits: false,
    errorMessage: message,
    propagateOnRejection: false,
    onReject: [report(message)],
  });
  const { validationRules, plugins } = new ApolloArmor({
    maxDepth: rule(QUERY_LIMITS.depth, LIMIT_MESSAGES.depth),
    maxAliases: rule(QUERY_LIMITS.aliases, LIMIT_MESSAGES.aliases),
    maxDirectives: rule(QUERY_LIMITS.directives, LIMIT_MESSAGES.directives),
    costLimit: {
      maxCost: QUERY_LIMITS.cost,
      flattenFragments: true,
      exposeLimits: false,
      errorMessage: LIMIT_MESSAGES.cost,
      propagateOnRejection: false,
      onReject: [report(LIMIT_MESSAGES.cost)],
    },
    // Replaced below: graphql-js counts tokens while parsing, and answers 400.
    maxTokens: { enabled: false },
    // Replaced below: armor's mask misses enum-value and inline-fragment suggestions.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    validationRules,
    // Armor's plugins read nothing from the context.
    plugins: [
      ...(plugins as unknown as ApolloServerPlugin<TContext>[]),
      limitMessages<TContext>(config.env === 'production'),
    ],
    parseOptions: { maxTokens: QUERY_LIMITS.tokens },
  };
}

/** graphql-js's own message names the token limit: "Document contains more that 1000 tokens". */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] \d+ tokens/;
/** Every graphql-js suggestion is one sentence: `Did you mean "name"?`, `… the enum value "X"?`. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * Rewrites the token-limit error without its number or its location (the column where parsing
 * stopped would tell the limit too) and, when asked, drops suggestions. Apollo Server formats
 * errors after this hook, from these same objects; its own suggestion plugin edits them alike.
 */
function limitMessages<TContext extends BaseContext>(
  hideSuggestions: boolean,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (TOKEN_LIMIT_MESSAGE.test(error.message)) {
              const editable = error as { message: string; locations?: unknown };
              editable.message = LIMIT_MESSAGES.tokens;
              editable.locations = undefined;
            } else if (hideSuggestions) error.message = withoutSuggestions(error.message);
          }
        },
      };
    },
  };
}

/**
 * Codes Apollo Server gives errors in the client's own request (its syntax, its validity, a
 * persisted-query hash it must resend, a CSRF refusal). Their messages describe that request,
 * never the hub's internals, and clients act on the codes (APQ retries on
 * PERSISTED_QUERY_NOT_FOUND), so production keeps them as they are.
 */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
]);

const HUB_CODES: ReadonlySet<string> = new Set(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
);

/** Extensions that carry an exception's internals; never sent to a client in any environment. */
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception'];

type FormatError = NonNullable<ApolloServerOptions<BaseContext>['formatError']>;

/**
 * Apollo Server's `formatError`. In production an error keeps its message only when its code is
 * one of the hub's (lib/errors.ts) or one of Apollo's request-error codes above; anything else,
 * INTERNAL_SERVER_ERROR included, becomes one fixed message with code INTERNAL_SERVER_ERROR (and
 * its path), and is logged in full when a logger is given. In every environment the stack trace
 * and exception details are dropped; outside production messages and codes are kept.
 */
export function maskErrors(config: Pick<Config, 'env'>, logger?: Logger): FormatError {
  const production = config.env === 'production';
  return (formatted, error) => {
    const extensions = { ...formatted.extensions };
    for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    if (!production) return { ...formatted, extensions };
    if (code && (HUB_CODES.has(code) || REQUEST_ERROR_CODES.has(code))) {
      return { ...formatted, message: withoutSuggestions(formatted.message), extensions };
    }
    logger?.error(
      { err: unwrapResolverError(error), code, path: formatted.path },
      'masked an internal error',
    );
    const masked: GraphQLFormattedError = {
      message: INTERNAL_ERROR_MESSAGE,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
    return formatted.path ? { ...masked, path: formatted.path } : masked;
  };
}

/** The body of every error this module answers itself, in the shape of a GraphQL response. */
function refuse(res: Response, status: number, message: string): void {
  res
    .status(status)
    .json({ errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
}

const TOO_LARGE = 'The request is too large.';

/** Whether any string in a parsed request holds U+0000, which no database column may store. */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(
    ([key, item]) => key.includes('\u0000') || holdsNul(item, depth + 1),
  );
}

/**
 * Reads a JSON body of at most MAX_REQUEST_CHARACTERS bytes (checked against Content-Length
 * before reading, and while reading a chunked or compressed body), in place of
 * `express.json()`. Answers 413 for a larger body or GET query string, 400 for a body that is not
 * JSON, 415 for a POST without a JSON body, and 400 for a JSON array: batched operations are
 * refused (one request, one operation, one rate-limit count). Errors are GraphQL-shaped, with
 * code BAD_USER_INPUT.
 */
export function limitRequestSize(): RequestHandler {
  const readJson = express.json({ limit: MAX_REQUEST_CHARACTERS });
  const check = (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST' && req.body === undefined) {
      refuse(res, 415, 'Send the operation as a JSON body (Content-Type: application/json).');
      return;
    }
    if (Array.isArray(req.body)) {
      refuse(res, 400, 'Batched requests are not accepted: send one operation per request.');
      return;
    }
    if (holdsNul(req.body) || holdsNul(req.query)) {
      refuse(res, 400, 'Text may not contain the NUL character (U+0000).');
      return;
    }
    next();
  };
  return (req, res, next) => {
    const queryString = req.originalUrl.indexOf('?');
    if (queryString >= 0 && req.originalUrl.length - queryString - 1 > MAX_REQUEST_CHARACTERS) {
      refuse(res, 413, TOO_LARGE);
      return;
    }
    if (req.body !== undefined) {
      // An earlier body parser read it already: measure what it read, as a fallback.
      if (Buffer.byteLength(JSON.stringify(req.body)) > MAX_REQUEST_CHARACTERS) {
        refuse(res, 413, TOO_LARGE);
        return;
      }
      check(req, res, next);
      return;
    }
    readJson(req, res, (error?: unknown) => {
      if (error === undefined) {
        check(req, res, next);
        return;
      }
      const { type, status } = error as { type?: string; status?: number };
      if (type === 'entity.too.large') refuse(res, 413, TOO_LARGE);
      else if (type === 'entity.parse.failed') refuse(res, 400, 'The request body is not JSON.');
      else if (status !== undefined && status >= 400 && status < 500) {
        refuse(res, status, 'The request body could not be read.');
      } else next(error);
    });
  };
}
