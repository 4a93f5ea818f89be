/**
 * User tokens: the JWT a person presents as `Authorization: Bearer …`, from the identity provider
 * in production or `npm run token` locally. It carries who they are (`sub`), their role, their
 * organisation (`org`) and the purposes they may declare.
 */
import { jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config';
import { callerFromClaims, unauthenticated, verificationFailure } from './claims';
import { devUserSigningKey, userTokenVerifier } from './keys';
import { type Caller, Purpose, ROLE_PURPOSES, Role } from './roles';

/** Asymmetric algorithms only: never `none`, never HS* (a public key must not work as a secret). */
export const USER_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'ES256',
  'ES384',
  'EdDSA',
] as const;

/** Leeway for clocks that differ between the identity provider and the hub. */
export const USER_TOKEN_CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Verifies a user token and returns its caller. Every way a token can be wrong (signature,
 * algorithm, issuer, audience, expiry, claims) throws UNAUTHENTICATED with a plain message. A
 * missing key configuration throws ConfigError: that is the hub's fault, not the caller's.
 */
export async function verifyUserToken(token: string, config: Config): Promise<Caller> {
  if (typeof token !== 'string' || token.trim() === '') {
    throw unauthenticated('No token was given: send Authorization: Bearer <token>.');
  }
  const keys = await userTokenVerifier(config);
  let payload;
  try {
    ({ payload } = await jwtVerify(token.trim(), keys, {
      algorithms: [...USER_TOKEN_ALGORITHMS],
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: USER_TOKEN_CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    throw verificationFailure(error, 'token');
  }
  return callerFromClaims(payload, 'token');
}

/** The token in an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^\s*Bearer +([^\s]+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

export interface DevTokenRequest {
  role: Role;
  organisation: string;
  /** Default: every purpose the role may use. */
  purposes?: Purpose[];
  /** Default: `dev-<role in lower case>`. */
  subject?: string;
  /** A jose time span (`8h`, `30m`, `2d`) or seconds. Default `8h`. */
  expiresIn?: string | number;
}

/** A request for a dev token that cannot be met; the message says what to change. */
export class DevTokenError extends Error {}

const TIME_SPAN =
  /^\d+ ?(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/i;

/** Signs a user token with the local dev key, for trying the hub; refused in production. */
export async function mintDevToken(config: Config, request: DevTokenRequest): Promise<string> {
  const { role, organisation } = request;
  if (!Object.values(Role).includes(role)) {
    throw new DevTokenError(
      `Unknown role ${String(role)}: use one of ${Object.values(Role).join(', ')}.`,
    );
  }
  if (typeof organisation !== 'string' || organisation.trim() === '') {
    throw new DevTokenError(
      'An organisation is needed: give the organisation id the user works for.',
    );
  }
  const allowed = ROLE_PURPOSES[role];
  const purposes = [...new Set(request.purposes ?? allowed)];
  const refused = purposes.filter((p) => !allowed.includes(p));
  if (refused.length > 0) {
    throw new DevTokenError(
      `Role ${role} may not use purpose ${refused.join(', ')}: use ${allowed.join(', ')}.`,
    );
  }
  const subject = request.subject ?? `dev-${role.toLowerCase()}`;
  if (subject.trim() === '') throw new DevTokenError('The subject must not be blank.');
  const expiresIn = request.expiresIn ?? '8h';
  const validExpiry =
    typeof expiresIn === 'number'
      ? Number.isInteger(expiresIn) && expiresIn > 0
      : TIME_SPAN.test(expiresIn.trim());
  if (!validExpiry) {
    throw new DevTokenError(
      `Expiry ${String(expiresIn)} is not a time span: use e.g. 30m, 8h or 2d.`,
    );
  }
  const { key, kid } = await devUserSigningKey(config);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role, org: organisation.trim(), purposes })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setSubject(subject)
    .setIssuedAt(now)
    .setExpirationTime(typeof expiresIn === 'number' ? now + expiresIn : expiresIn.trim())
    .sign(key);
}
