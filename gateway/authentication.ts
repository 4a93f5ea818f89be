import type { RequestHandler } from 'express';
import type { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { unauthenticated } from '../lib/auth/claims';
import { type Caller, Purpose, type RequestContext } from '../lib/auth/roles';
import { bearerToken, verifyUserToken } from '../lib/auth/user-token';
import type { Config } from '../lib/config';
import { ErrorCode, hubError } from '../lib/errors';
import { REQUEST_ID_HEADER } from '../lib/request-log';

export const PURPOSE_HEADER = 'x-purpose';
export { REQUEST_ID_HEADER };

const PURPOSES = new Set<string>(Object.values(Purpose));
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Verifies the user's token, reads the purpose they declare and names the request, before any
 * GraphQL work: what follows sees `res.locals.request`. A caller who cannot be verified gets 401
 * and nothing else.
 */
export function authenticate(config: Config): RequestHandler {
  return async (request, response, next) => {
    const requestId = REQUEST_ID.test(request.header(REQUEST_ID_HEADER) ?? '')
      ? (request.header(REQUEST_ID_HEADER) as string)
      : randomUUID();
    response.setHeader(REQUEST_ID_HEADER, requestId);
    try {
      const token = bearerToken(request.header('authorization'));
      if (!token) {
        throw unauthenticated(
          'Sign in first: send Authorization: Bearer <token>. On this machine, ' +
            '`npm run token -- --role COORDINATOR --org <organisation id>` makes one.',
        );
      }
      const caller = await verifyUserToken(token, config);
      const purpose = declaredPurpose(caller, request.header(PURPOSE_HEADER));
      const context: RequestContext = { caller, purpose, requestId, nonce: randomUUID() };
      response.locals.request = context;
      next();
    } catch (error) {
      const { message, extensions } = error as GraphQLError;
      const code = (extensions?.code as string | undefined) ?? ErrorCode.UNAUTHENTICATED;
      response
        .status(code === ErrorCode.FORBIDDEN ? 403 : 401)
        .json({ errors: [{ message, extensions: { code, requestId } }] });
    }
  };
}

/**
 * The purpose this request is for: the X-Purpose header, which must be one the token allows; or,
 * with no header, the token's only purpose. Null when the token allows several and none was
 * chosen: person-level reads then refuse.
 */
function declaredPurpose(caller: Caller, header: string | undefined): Purpose | null {
  const declared = header?.trim().toUpperCase();
  if (!declared) return caller.purposes.length === 1 ? caller.purposes[0] : null;
  if (!PURPOSES.has(declared) || !caller.purposes.includes(declared as Purpose)) {
    throw hubError(
      ErrorCode.FORBIDDEN,
      `Your token does not allow the purpose ${JSON.stringify(header)}; it allows ` +
        `${caller.purposes.join(', ') || 'none'}.`,
    );
  }
  return declared as Purpose;
}
