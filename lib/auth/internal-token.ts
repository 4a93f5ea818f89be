/**
 * Internal tokens: how a subgraph knows a call comes from the hub's gateway, and for whom.
 *
 * The gateway signs one per subgraph call (60 seconds), addressed to that subgraph
 * (`aud`), carrying the verified caller, the declared purpose, the request id and `bh`, the
 * SHA-256 of the exact HTTP body it sends. A subgraph accepts the call only if the token verifies
 * against its configured keys and `bh` matches the body it received, so a captured token cannot
 * be replayed against another subgraph or with another query; and each `jti` is accepted once.
 * Hub services calling each other for a user (lib/internal-call.ts) sign the same way.
 *
 * HS256, with the receiving service's secret (./internal-keys.ts): an ES256 key pair shared by
 * every service let any of them sign to all, and its signature and check were an eighth of the
 * hub's CPU on a joined view. They are signed and verified with jsonwebtoken, synchronously:
 * jose (which still checks user tokens) works on libuv's thread pool, a hand-off per token.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { JWTPayload } from 'jose';
import jwt from 'jsonwebtoken';
import type { Config } from '../config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs';
import { callerFromClaims, unauthenticated } from './claims';
import { INTERNAL_TOKEN_ALGORITHM as ALGORITHM, internalKeyRing } from './internal-keys';
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
  const { key, kid } = (await internalKeyRing(config)).signingKey(audience);
  const claims = {
    role: caller.role,
    org: caller.organisation,
    purposes: caller.purposes,
    purpose,
    rid: requestId,
    ...(nonce ? { rn: nonce } : {}),
    bh: bodyHash(body),
    jti: randomUUID(),
  };
  return jwt.sign(claims, key, {
    algorithm: ALGORITHM,
    keyid: kid,
    header: { alg: ALGORITHM, typ: INTERNAL_TOKEN_TYPE },
    issuer: INTERNAL_TOKEN_ISSUER,
    audience,
    subject: caller.subject,
    expiresIn: INTERNAL_TOKEN_LIFETIME_SECONDS,
  });
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
  const payload = await verified(config, token, audience);
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
    const payload = await verified(config, token, audience);
    return payload.role === Role.DATA_STEWARD && payload.purpose === Purpose.STATISTICS;
  } catch {
    return false;
  }
}

const REQUIRED_CLAIMS = ['iat', 'exp', 'sub', 'rid', 'bh', 'jti'];

/**
 * The token's claims once its signature (by this service's key its `kid` names),
 * algorithm, type, expiry, issuer, audience and issue time are good; UNAUTHENTICATED otherwise.
 */
async function verified(
  config: Config,
  token: string,
  audience: SubgraphName,
): Promise<JWTPayload> {
  const The = 'The internal token';
  const decoded = jwt.decode(token.trim(), { complete: true });
  if (!decoded || typeof decoded.payload === 'string') {
    throw unauthenticated(`${The} is malformed.`);
  }
  if (decoded.header.typ !== INTERNAL_TOKEN_TYPE) {
    throw unauthenticated(`${The} is not of the expected type.`);
  }
  if (decoded.header.alg !== ALGORITHM) {
    throw unauthenticated(`${The}'s signing algorithm is not accepted.`);
  }
  const key = (await internalKeyRing(config)).named(decoded.header.kid);
  if (!key) throw unauthenticated(`${The}'s signature is not valid.`);
  // A key is for one audience: a token under another's key was never meant for this service.
  if (key.audience !== audience) throw unauthenticated(`${The} is not for this service.`);
  let payload: JWTPayload;
  try {
    payload = jwt.verify(token.trim(), key.key, {
      algorithms: [ALGORITHM],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }) as JWTPayload;
  } catch (error) {
    throw tokenFailure(error);
  }
  for (const claim of REQUIRED_CLAIMS) {
    if (!(claim in payload)) {
      throw unauthenticated(`${The} is missing a required claim or has an invalid one.`);
    }
  }
  if (payload.iss !== INTERNAL_TOKEN_ISSUER) {
    throw unauthenticated(`${The} was not issued by the hub's gateway.`);
  }
  const audiences: unknown[] = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(audience)) throw unauthenticated(`${The} is not for this service.`);
  if (
    typeof payload.iat !== 'number' ||
    payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS
  ) {
    throw unauthenticated(`${The} has an issue time (iat) in the future or none at all.`);
  }
  return payload;
}

/** jsonwebtoken's refusal in plain words, never the library's internals. */
function tokenFailure(error: unknown): Error {
  const The = 'The internal token';
  if (error instanceof jwt.TokenExpiredError) return unauthenticated(`${The} has expired.`);
  if (error instanceof jwt.NotBeforeError) return unauthenticated(`${The} is not valid yet.`);
  const message = error instanceof Error ? error.message : '';
  if (message === 'invalid signature') return unauthenticated(`${The}'s signature is not valid.`);
  if (message === 'invalid algorithm') {
    return unauthenticated(`${The}'s signing algorithm is not accepted.`);
  }
  if (message === 'jwt malformed' || message === 'invalid token') {
    return unauthenticated(`${The} is malformed.`);
  }
  return unauthenticated(`${The} is not valid.`);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
