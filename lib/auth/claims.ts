/** What user and internal tokens share: the caller's claims, and plain-language failures. */
import type { GraphQLError } from 'graphql';
import { errors, type JWTPayload } from 'jose';
import { ErrorCode, hubError } from '../errors';
import { type Caller, Purpose, ROLE_PURPOSES, Role } from './roles';

/** How a message names the token: "The token …" or "The internal token …". */
export type TokenNoun = 'token' | 'internal token';

export function unauthenticated(message: string): GraphQLError {
  return hubError(ErrorCode.UNAUTHENTICATED, message);
}

const ROLES = new Set<string>(Object.values(Role));
const PURPOSES = new Set<string>(Object.values(Purpose));

/**
 * The caller a verified token speaks for: `sub`, `role` (a Role), `org` and `purposes` (each a
 * Purpose the role may use). Anything else is refused with UNAUTHENTICATED.
 */
export function callerFromClaims(payload: JWTPayload, noun: TokenNoun): Caller {
  const The = `The ${noun}`;
  const { sub, role, org, purposes } = payload;
  if (typeof sub !== 'string' || sub.trim() === '') {
    throw unauthenticated(`${The} names no subject (sub).`);
  }
  if (typeof role !== 'string' || !ROLES.has(role)) {
    throw unauthenticated(`${The}'s role is not one this hub knows.`);
  }
  if (typeof org !== 'string' || org.trim() === '') {
    throw unauthenticated(`${The} names no organisation (org).`);
  }
  if (!Array.isArray(purposes) || !purposes.every((p) => typeof p === 'string')) {
    throw unauthenticated(`${The} lists no purposes (purposes must be a list).`);
  }
  // Only the hub's own services sign internal tokens: the identity service links records, and
  // counts cohorts for reporting tools.
  const allowed =
    noun === 'internal token' && role === Role.DATA_STEWARD
      ? [...ROLE_PURPOSES[role], Purpose.RECORD_LINKAGE, Purpose.STATISTICS]
      : ROLE_PURPOSES[role as Role];
  for (const purpose of purposes as string[]) {
    if (!PURPOSES.has(purpose)) {
      throw unauthenticated(`${The} declares a purpose this hub does not know.`);
    }
    if (!allowed.includes(purpose as Purpose)) {
      throw unauthenticated(`${The} declares purpose ${purpose}, which role ${role} may not use.`);
    }
  }
  return {
    subject: sub,
    role: role as Role,
    organisation: org,
    purposes: [...new Set(purposes as Purpose[])],
  };
}

/**
 * Turns a failure from jose's verification into UNAUTHENTICATED with a message a caller can act
 * on, never the library's internals.
 */
export function verificationFailure(error: unknown, noun: TokenNoun): GraphQLError {
  const The = `The ${noun}`;
  if (error instanceof errors.JWTExpired) {
    return unauthenticated(error.claim === 'iat' ? `${The} is too old.` : `${The} has expired.`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return unauthenticated(
          noun === 'token'
            ? `${The} was not issued by this hub.`
            : `${The} was not issued by the hub's gateway.`,
        );
      case 'aud':
        return unauthenticated(
          noun === 'token' ? `${The} is not for this hub.` : `${The} is not for this service.`,
        );
      case 'exp':
        return unauthenticated(`${The} has no valid expiry time (exp).`);
      case 'nbf':
        return unauthenticated(`${The} is not valid yet.`);
      case 'iat':
        return unauthenticated(`${The} has an issue time (iat) in the future or none at all.`);
      case 'typ':
        return unauthenticated(`${The} is not of the expected type.`);
      default:
        return unauthenticated(`${The} is missing a required claim or has an invalid one.`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return unauthenticated(`${The}'s signing algorithm is not accepted.`);
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return unauthenticated(`${The}'s signature is not valid.`);
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return unauthenticated(`The keys to check ${noun}s could not be fetched; try again shortly.`);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return unauthenticated(`${The} is malformed.`);
  }
  if (error instanceof TypeError) {
    // jose refuses a key that does not fit the header's algorithm (e.g. RS256 against an EC key).
    return unauthenticated(`${The}'s signature is not valid.`);
  }
  return unauthenticated(`${The} is not valid.`);
}
