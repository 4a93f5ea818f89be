/** Authentication: user tokens at the gateway, internal tokens between gateway and subgraphs. */
export {
  INTERNAL_TOKEN_HEADER,
  INTERNAL_TOKEN_ISSUER,
  INTERNAL_TOKEN_LIFETIME_SECONDS,
  bodyHash,
  signInternalToken,
  verifyInternalToken,
} from './internal-token';
export type { InternalTokenCheck, InternalTokenRequest } from './internal-token';
export { clearKeyCache, devKeyPair, devUserSigningKey, userTokenVerifier } from './keys';
export {
  INTERNAL_CALLS,
  InternalKeyRing,
  internalKeyRing,
  keysNeeded,
  writeKeyFiles,
} from './internal-keys';
export type { DevKeyKind, DevKeyPair, KeyResolver, SigningKey } from './keys';
export { Purpose, ROLE_PURPOSES, Role } from './roles';
export type { Caller, RequestContext } from './roles';
export { DevTokenError, bearerToken, mintDevToken, verifyUserToken } from './user-token';
export type { DevTokenRequest } from './user-token';
