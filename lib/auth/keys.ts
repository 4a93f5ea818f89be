/**
 * Key material for the hub's two kinds of token.
 *
 * - User tokens (a person signing in) are verified with the identity provider's JWKS
 *   (`AUTH_JWKS_URL`), or one public key file (`AUTH_PUBLIC_KEY_FILE`), or, outside production,
 *   a local dev key pair that `npm run token` signs with.
 * - Internal tokens (one service → another) are HS256, a secret per receiving service: see
 *   ./internal-keys.ts, which keeps its dev file here too.
 *
 * Local dev files are JSON under `KEYS_DIR`, created on first use by whichever process gets
 * there first: each is written to a temporary file and hard-linked to its final name, which
 * fails if another process won the race, in which case the winner's file is read. Every loaded
 * key is cached in memory, so verifying a token reads no file.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  createRemoteJWKSet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { type Config, ConfigError } from '../config';

/** Resolves the public key for a token's protected header; cheap once loaded. */
export type KeyResolver = JWTVerifyGetKey;

export interface SigningKey {
  /** The private key (EC P-256: dev user tokens are ES256). */
  key: KeyObject;
  /** The `kid` to put in the token header, matching the verifier's JWKS entry. */
  kid: string;
}

/** The local dev key pairs, by file-name stem under `KEYS_DIR`. */
export type DevKeyKind = 'user';

export interface DevKeyPair {
  privateJwk: JWK & { kid: string };
  publicJwk: JWK & { kid: string };
}

const DEV_KEY_ALG = 'ES256';
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * The key resolver that verifies user tokens: the identity provider's JWKS when `AUTH_JWKS_URL`
 * is set, else the key in `AUTH_PUBLIC_KEY_FILE`, else (never in production) the dev user key.
 */
export function userTokenVerifier(config: Config): Promise<KeyResolver> {
  const { jwksUrl, publicKeyFile, keysDir } = config.auth;
  if (jwksUrl) {
    return cached(`user:jwks:${jwksUrl}`, async () => remoteJwks(config, jwksUrl));
  }
  if (publicKeyFile) {
    return cached(`user:file:${publicKeyFile}`, () => publicKeyFileResolver(publicKeyFile));
  }
  if (config.env === 'production') {
    return Promise.reject(
      new ConfigError(
        'No key to verify user tokens in production: set AUTH_JWKS_URL to your identity ' +
          "provider's JWKS endpoint, or AUTH_PUBLIC_KEY_FILE to its public key file.",
      ),
    );
  }
  return cached(`user:dev:${keysDir}`, async () => {
    const { publicJwk } = await devKeyPair(config, 'user');
    return singleKeyResolver(publicKeyFromJwk(publicJwk));
  });
}

/** The dev key `npm run token` signs user tokens with; refused in production. */
export function devUserSigningKey(config: Config): Promise<SigningKey> {
  if (config.env === 'production') {
    return Promise.reject(
      new ConfigError('Dev tokens are never made in production (NODE_ENV is production).'),
    );
  }
  const configured = config.auth.jwksUrl
    ? 'AUTH_JWKS_URL'
    : config.auth.publicKeyFile
      ? 'AUTH_PUBLIC_KEY_FILE'
      : undefined;
  if (configured) {
    return Promise.reject(
      new ConfigError(
        `${configured} is set, so the hub verifies user tokens with that key and would refuse ` +
          `a dev token; unset ${configured} to use dev tokens.`,
      ),
    );
  }
  return cached(`user:dev-signing:${config.auth.keysDir}`, async () => {
    const { privateJwk } = await devKeyPair(config, 'user');
    return {
      key: privateKeyFromJwk(privateJwk),
      kid: privateJwk.kid,
    };
  });
}

/**
 * The local dev key pair of one kind, created under `KEYS_DIR` if absent. Safe when several
 * processes call it at once: all of them end up with the same pair. Refused in production.
 */
export function devKeyPair(config: Config, kind: DevKeyKind): Promise<DevKeyPair> {
  if (config.env === 'production') return refuseDevKeys();
  const { keysDir } = config.auth;
  return cached(`dev-pair:${keysDir}:${kind}`, () => ensureDevKeyPair(keysDir, `dev-${kind}`));
}

const refuseDevKeys = () =>
  Promise.reject(
    new ConfigError('Local dev keys are never used in production (NODE_ENV is production).'),
  );

/**
 * A JSON dev file under `KEYS_DIR`, made by `make` if absent. Safe when several processes call it
 * at once: all of them read the same file. Refused in production.
 */
export function devJsonFile(config: Config, name: string, make: () => object): Promise<unknown> {
  if (config.env === 'production') return refuseDevKeys();
  const { keysDir } = config.auth;
  return cached(`dev-file:${keysDir}:${name}`, async () => {
    fs.mkdirSync(keysDir, { recursive: true, mode: DIR_MODE });
    const file = path.join(keysDir, name);
    const existing = await readDevJson(file);
    if (existing !== null) return existing;
    const fresh = make();
    return publishOnce(file, fresh) ? fresh : readDevJson(file, { mustExist: true });
  });
}

/** Forgets every loaded key (tests; or after replacing key files without a restart). */
export function clearKeyCache(): void {
  cache.clear();
}

// ---------------------------------------------------------------------------------------------
// Caching

const cache = new Map<string, Promise<unknown>>();

/** One load per key, shared by concurrent callers; a failed load is retried next time. */
export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const loading = load();
  cache.set(key, loading);
  loading.catch(() => {
    if (cache.get(key) === loading) cache.delete(key);
  });
  return loading;
}

// ---------------------------------------------------------------------------------------------
// Dev key pairs

async function ensureDevKeyPair(keysDir: string, stem: string): Promise<DevKeyPair> {
  fs.mkdirSync(keysDir, { recursive: true, mode: DIR_MODE });
  const privateFile = path.join(keysDir, `${stem}.private.jwk`);
  const publicFile = path.join(keysDir, `${stem}.public.jwk`);

  let privateJwk = await readDevPrivateJwk(privateFile);
  if (!privateJwk) {
    const fresh = newDevPrivateJwk();
    privateJwk = publishOnce(privateFile, fresh)
      ? fresh
      : await readDevPrivateJwk(privateFile, { mustExist: true });
  }
  if (!privateJwk) throw new Error(`Could not create the dev key ${privateFile}.`);

  const publicJwk = { ...privateJwk };
  delete publicJwk.d;
  // The public file is derived from the winning private key, so every writer writes the same.
  const wanted = jwkText(publicJwk);
  const existing = readIfExists(publicFile);
  if (existing === null) {
    publishOnce(publicFile, publicJwk);
  } else if (existing !== wanted && isComplete(existing)) {
    // Left over from an earlier private key: replace it atomically.
    replaceAtomically(publicFile, wanted);
  }
  return { privateJwk, publicJwk };
}

function newDevPrivateJwk(): JWK & { kid: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { ...jwk, alg: DEV_KEY_ALG, use: 'sig', kid: ecThumbprint(jwk) };
}

/** RFC 7638 thumbprint of an EC public key (what jose's calculateJwkThumbprint returns). */
function ecThumbprint(jwk: JWK): string {
  const members = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(members).digest('base64url');
}

function jwkText(jwk: object): string {
  return `${JSON.stringify(jwk, null, 2)}\n`;
}

/**
 * Creates `file` holding `jwk`, unless it already exists. Returns whether this call created it.
 * The content is complete before the name appears: write a private temporary file, then link.
 */
function publishOnce(file: string, jwk: object): boolean {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeDurably(temporary, jwkText(jwk), 'wx');
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    if (['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errorCode(error) ?? '')) {
      // A file system without hard links: exclusive create, then readers wait for a full file.
      return createExclusively(file, jwkText(jwk));
    }
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function createExclusively(file: string, text: string): boolean {
  try {
    writeDurably(file, text, 'wx');
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

function replaceAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeDurably(temporary, text, 'wx');
  try {
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function writeDurably(file: string, text: string, flag: 'wx'): void {
  const fd = fs.openSync(file, flag, FILE_MODE);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function isComplete(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a dev private key, or null when there is none yet. A file that is not yet complete
 * (only possible on file systems without hard links) is waited for briefly.
 */
async function readDevPrivateJwk(
  file: string,
  { mustExist = false } = {},
): Promise<(JWK & { kid: string }) | null> {
  const json = await readDevJson(file, { mustExist });
  return json === null ? null : checkDevPrivateJwk(file, json as JWK);
}

async function readDevJson(file: string, { mustExist = false } = {}): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    const text = readIfExists(file);
    if (text === null) {
      if (!mustExist) return null;
      throw new Error(`The dev key ${file} vanished while being read; try again.`);
    }
    if (isComplete(text)) return JSON.parse(text) as unknown;
    if (attempt >= 40) break;
    await sleep(25);
  }
  throw new ConfigError(`${file} is not a valid dev key: delete it and a new one will be made.`);
}

function checkDevPrivateJwk(file: string, jwk: JWK): JWK & { kid: string } {
  const valid =
    jwk.kty === 'EC' &&
    jwk.crv === 'P-256' &&
    typeof jwk.d === 'string' &&
    typeof jwk.x === 'string' &&
    typeof jwk.y === 'string';
  if (!valid) {
    throw new ConfigError(
      `${file} is not a valid dev key (an EC P-256 private JWK): delete it and a new one will be made.`,
    );
  }
  return { ...jwk, kid: typeof jwk.kid === 'string' && jwk.kid ? jwk.kid : ecThumbprint(jwk) };
}

// ---------------------------------------------------------------------------------------------
// Configured key files

function remoteJwks(config: Config, jwksUrl: string): KeyResolver {
  const url = new URL(jwksUrl);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (config.env === 'production' && url.protocol !== 'https:' && !local) {
    throw new ConfigError(
      'AUTH_JWKS_URL must use https in production: keys fetched over plain http could be swapped.',
    );
  }
  return createRemoteJWKSet(url, {
    timeoutDuration: 5000,
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
}

export function readKeyFile(file: string, variable: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${variable}: cannot read ${file} (${errorCode(error) ?? 'error'}).`);
  }
}

function parseJson(text: string, file: string, variable: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(`${variable}: ${file} is neither a PEM key nor JSON (JWK or JWKS).`);
  }
}

/** `AUTH_PUBLIC_KEY_FILE`: a PEM public key or certificate, a public JWK, or a JWKS. */
async function publicKeyFileResolver(file: string): Promise<KeyResolver> {
  const variable = 'AUTH_PUBLIC_KEY_FILE';
  const text = readKeyFile(file, variable);
  if (text.trimStart().startsWith('-----BEGIN')) {
    if (/PRIVATE KEY/.test(text)) {
      throw new ConfigError(`${variable}: ${file} holds a private key; give only the public key.`);
    }
    try {
      return singleKeyResolver(asymmetric(createPublicKey(text), file, variable));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(`${variable}: ${file} is not a PEM public key or certificate.`);
    }
  }
  const json = parseJson(text, file, variable);
  if (isJwks(json)) return jwksResolver(json, file, variable);
  const jwk = checkPublicJwk(json, file, variable);
  return singleKeyResolver(importPublicJwk(jwk, file, variable));
}

async function jwksResolver(
  jwks: { keys: unknown[] },
  file: string,
  variable: string,
): Promise<KeyResolver> {
  if (jwks.keys.length === 0) throw new ConfigError(`${variable}: ${file} holds no keys.`);
  const keys: JWK[] = [];
  for (const entry of jwks.keys) {
    const jwk = checkPublicJwk(entry, file, variable);
    importPublicJwk(jwk, file, variable); // fail now, at load, not on some later request
    // A key without a kid gets its RFC 7638 thumbprint, the kid a PEM signing key signs with.
    keys.push(jwk.kid ? jwk : { ...jwk, kid: await calculateJwkThumbprint(jwk) });
  }
  return createLocalJWKSet({ keys });
}

function isJwks(value: unknown): value is { keys: unknown[] } {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys)
  );
}

function checkPublicJwk(value: unknown, file: string, variable: string): JWK {
  if (typeof value !== 'object' || value === null || typeof (value as JWK).kty !== 'string') {
    throw new ConfigError(`${variable}: ${file} holds something that is not a JWK.`);
  }
  const jwk = value as JWK;
  if (jwk.kty === 'oct') {
    throw new ConfigError(
      `${variable}: ${file} holds a symmetric (oct) key; only public keys are accepted.`,
    );
  }
  if ('d' in jwk || 'p' in jwk) {
    throw new ConfigError(
      `${variable}: ${file} holds a private key; give only public keys (drop "d").`,
    );
  }
  return jwk;
}

function importPublicJwk(jwk: JWK, file: string, variable: string): KeyObject {
  try {
    return asymmetric(publicKeyFromJwk(jwk), file, variable);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${variable}: ${file} holds a JWK that is not a valid public key.`);
  }
}

function asymmetric(key: KeyObject, file: string, variable: string): KeyObject {
  if (
    key.type !== 'public' ||
    !['rsa', 'rsa-pss', 'ec', 'ed25519'].includes(key.asymmetricKeyType ?? '')
  ) {
    throw new ConfigError(`${variable}: ${file} is not an RSA, EC or Ed25519 public key.`);
  }
  return key;
}

function publicKeyFromJwk(jwk: JWK): KeyObject {
  return createPublicKey({ key: jwk as unknown as JsonWebKey, format: 'jwk' });
}

function privateKeyFromJwk(jwk: JWK): KeyObject {
  return createPrivateKey({ key: jwk as unknown as JsonWebKey, format: 'jwk' });
}

function singleKeyResolver(key: KeyObject): KeyResolver {
  return async () => key;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}
