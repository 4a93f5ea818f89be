/**
 * Internal tokens: how a subgraph knows a call comes from the hub's gateway, and for whom.
 *
 * The gateway signs one per subgraph call (ES256, 60 seconds), addressed to that subgraph
 * (`aud`), carrying the verified caller, the declared purpose, the request id and `bh`, the
 * SHA-256 of the exact HTTP body it sends. A subgraph accepts the call only if the token verifies
 * against its configured keys and `bh` matches the body it received, so a captured token cannot
 * be replayed against another subgraph or with another query; and each `jti` is accepted once.
 * Hub services calling each other for a user (lib/internal-call.ts) sign the same way.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs';
import { callerFromClaims, unauthenticated, verificationFailure } from './claims';
import { internalSigningKey, internalVerifyKeys } from './keys';
import { Purpose, type RequestContext, Role } from './roles';

/** The HTTP header the gateway puts the internal token in. */
export const INTERNAL_TOKEN_HEADER = 'x-hub-internal-token';

/** The `iss` of every internal token; user tokens never carry it. */
export const INTERNAL_TOKEN_ISSUER = 'employment-support-hub-gateway';

/** The header `typ`, so an internal token is never mistaken for any other JWT. */
export const INTERNAL_TOKEN_TYPE = 'hub-internal+jwt';

/** The longest an internal token may live, from `iat` to `exp`. */
export const INTERNAL_TOKEN_LIFETIME_SECONDS = 60;

/** Leeway for clocks that differ between the gateway's host and a subgraph's. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface InternalTokenRequest {
  /** The subgraph the call goes to. */
  audience: SubgraphName;
  context: RequestContext;
  /** The exact HTTP request body sent to that subgraph. */
  body: string | Uint8Array;
}

export interface InternalTokenCheck {
  /** The subgraph checking the token: its own name. */
  audience: SubgraphName;
  /** The exact HTTP request body received. */
  body: string | Uint8Array;
  /** Tokens this service has already accepted: each is good for one call. */
  used?: UsedTokens;
}

/**
 * The ids (`jti`) of the tokens a service has accepted, each kept until it expires, so a token
 * captured on the wire cannot be sent again, even with the same body, within its minute.
 */
export class UsedTokens {
  private readonly expiries = new Map<string, number>();
  private nextSweep = 0;

  /** True the first time an id is offered; false after. */
  firstUse(id: string, expiresAtSeconds: number): boolean {
    const now = Date.now() / 1000;
    if (now >= this.nextSweep) this.sweep(now);
    if (this.expiries.has(id)) return false;
    this.expiries.set(id, expiresAtSeconds + CLOCK_TOLERANCE_SECONDS);
    return true;
  }

  private sweep(now: number): void {
    for (const [id, expiry] of this.expiries) if (expiry < now) this.expiries.delete(id);
    this.nextSweep = now + 10;
  }
}

/** base64url SHA-256 of a request body, as carried in `bh`. */
export function bodyHash(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** Signs the token the gateway sends with one subgraph call. */
export async function signInternalToken(
  config: Config,
  { audience, context, body }: InternalTokenRequest,
): Promise<string> {
  if (!SUBGRAPH_NAMES.includes(audience)) {
    throw new Error(`Internal tokens are for a subgraph (${SUBGRAPH_NAMES.join(', ')}).`);
  }
  const { caller, purpose, requestId, nonce } = context;
  const { key, kid } = await internalSigningKey(config);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    role: caller.role,
    org: caller.organisation,
    purposes: caller.purposes,
    purpose,
    rid: requestId,
    ...(nonce ? { rn: nonce } : {}),
    bh: bodyHash(body),
  })
    .setJti(randomUUID())
    .setProtectedHeader({ alg: 'ES256', kid, typ: INTERNAL_TOKEN_TYPE })
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(audience)
    .setSubject(caller.subject)
    .setIssuedAt(now)
    .setExpirationTime(now + INTERNAL_TOKEN_LIFETIME_SECONDS)
    .sign(key);
}

/**
 * Checks the internal token on a call a subgraph received and returns the request's context.
 * A missing, forged, expired, misaddressed or replayed token throws UNAUTHENTICATED; a missing
 * key configuration throws ConfigError.
 */
export async function verifyInternalToken(
  config: Config,
  token: string | null | undefined,
  { audience, body, used }: InternalTokenCheck,
): Promise<RequestContext> {
  if (typeof token !== 'string' || token.trim() === '') {
    throw unauthenticated('This service answers only the hub gateway: no internal token was sent.');
  }
  const keys = await internalVerifyKeys(config);
  let payload;
  try {
    ({ payload } = await jwtVerify(token.trim(), keys, {
      algorithms: ['ES256'],
      issuer: INTERNAL_TOKEN_ISSUER,
      audience,
      typ: INTERNAL_TOKEN_TYPE,
      requiredClaims: ['iat', 'exp', 'sub', 'rid', 'bh', 'jti'],
      maxTokenAge: INTERNAL_TOKEN_LIFETIME_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    throw verificationFailure(error, 'internal token');
  }
  const { iat, exp, rid, rn, bh, purpose, jti } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number') {
    throw unauthenticated('The internal token has no valid issue or expiry time.');
  }
  if (exp - iat > INTERNAL_TOKEN_LIFETIME_SECONDS) {
    throw unauthenticated(
      `The internal token lives longer than ${INTERNAL_TOKEN_LIFETIME_SECONDS} seconds.`,
    );
  }
  if (typeof bh !== 'string' || !sameText(bh, bodyHash(body))) {
    throw unauthenticated('The internal token was signed for a different request body.');
  }
  if (used && (typeof jti !== 'string' || !used.firstUse(jti, exp))) {
    throw unauthenticated('The internal token was already used: each is good for one call.');
  }
  if (typeof rid !== 'string' || rid === '') {
    throw unauthenticated('The internal token carries no request id.');
  }
  const caller = callerFromClaims(payload, 'internal token');
  if (purpose !== null && !caller.purposes.includes(purpose as Purpose)) {
    throw unauthenticated("The internal token's purpose is not one its caller may use.");
  }
  const nonce = typeof rn === 'string' && rn !== '' ? { nonce: rn } : {};
  return { caller, purpose: purpose as Purpose | null, requestId: rid, ...nonce };
}

/**
 * Whether a request carries a validly signed internal token from the identity service counting
 * for statistics: checked from the header alone, before the body is read, so only such a call
 * may send a reporting cohort's large body. The full check (body, replay) still follows.
 */
export async function signedForStatistics(
  config: Config,
  token: string | undefined,
  audience: SubgraphName,
): Promise<boolean> {
  if (!token) return false;
  try {
    const { payload } = await jwtVerify(token.trim(), await internalVerifyKeys(config), {
      algorithms: ['ES256'],
      issuer: INTERNAL_TOKEN_ISSUER,
      audience,
      typ: INTERNAL_TOKEN_TYPE,
      maxTokenAge: INTERNAL_TOKEN_LIFETIME_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    return payload.role === Role.DATA_STEWARD && payload.purpose === Purpose.STATISTICS;
  } catch {
    return false;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
