import { GraphQLError } from 'graphql';

/** The closed list of error codes the hub puts in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** Too many requests from one user or address this minute; the answer says when to retry. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A reporting tool sent a document that is not registered; the answer says how to send one. */
  UNTRUSTED_DOCUMENT: 'UNTRUSTED_DOCUMENT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function hubError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export function badUserInput(argument: string, message: string) {
  return hubError(ErrorCode.BAD_USER_INPUT, message, { argument });
}
