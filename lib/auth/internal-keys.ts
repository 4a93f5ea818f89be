/**
 * The secrets internal tokens are signed with: one HMAC key (HS256) per receiving service.
 *
 * A service's key file (`INTERNAL_TOKEN_KEYS_FILE`, a JWK Set of `oct` keys) holds the key of
 * each service it calls, to sign with, and its own, to verify with; each key names its service
 * in `aud`. So a service that is broken into can sign calls only to the services it already
 * calls; a subgraph holds no key to any other controller. `npm run internal-keys` writes the
 * five files. Outside production, a dev file under `KEYS_DIR` holds every key.
 *
 * Several keys for one service allow rotation: a token names its key by `kid`, any listed key
 * verifies, and the first listed for a service signs.
 */
import { createSecretKey, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError } from '../config';
import { SERVICE_NAMES, SUBGRAPH_NAMES, type ServiceName, type SubgraphName } from '../subgraphs';
import { cached, devJsonFile, readKeyFile } from './keys';

export const INTERNAL_TOKEN_ALGORITHM = 'HS256';

const VARIABLE = 'INTERNAL_TOKEN_KEYS_FILE';
const DEV_FILE = 'dev-internal.keys.json';
/** RFC 7518 §3.2: an HS256 key is at least as long as the hash. */
const MIN_KEY_BYTES = 32;

/** Whom each service signs internal calls to. */
export const INTERNAL_CALLS: Record<ServiceName, readonly SubgraphName[]> = {
  gateway: SUBGRAPH_NAMES,
  identity: ['dwp', 'moj', 'vcs'],
  dwp: ['identity'],
  moj: ['identity'],
  vcs: ['identity'],
};

/** The keys a service's file must hold: its own (a subgraph's) and those of whom it calls. */
export function keysNeeded(service: ServiceName): SubgraphName[] {
  const own = service === 'gateway' ? [] : [service];
  return [...own, ...INTERNAL_CALLS[service]];
}

/** One key as its file holds it. */
export interface InternalKeyJwk {
  kty: 'oct';
  alg: typeof INTERNAL_TOKEN_ALGORITHM;
  kid: string;
  aud: SubgraphName;
  k: string;
}

export interface InternalKey {
  kid: string;
  audience: SubgraphName;
  key: KeyObject;
}

export class InternalKeyRing {
  private readonly byKid: Map<string, InternalKey>;

  constructor(
    private readonly keys: readonly InternalKey[],
    private readonly source: string,
  ) {
    this.byKid = new Map(keys.map((key) => [key.kid, key]));
  }

  /** The key to sign a call to `audience` with: the first listed for it. */
  signingKey(audience: SubgraphName): InternalKey {
    const key = this.keys.find((candidate) => candidate.audience === audience);
    if (!key) throw new ConfigError(this.noKeyFor([audience]));
    return key;
  }

  /** The key a token's `kid` names, if this service holds it. */
  named(kid: unknown): InternalKey | undefined {
    return typeof kid === 'string' ? this.byKid.get(kid) : undefined;
  }

  /** Stops a service's start when its file lacks a key it will need. */
  require(service: ServiceName): void {
    const missing = keysNeeded(service).filter(
      (name) => !this.keys.some((k) => k.audience === name),
    );
    if (missing.length > 0) {
      throw new ConfigError(`${this.noKeyFor(missing)} ${service} needs one for each.`);
    }
  }

  private noKeyFor(audiences: SubgraphName[]): string {
    return `${this.source} holds no internal-token key for ${audiences.join(', ')}:`;
  }
}

/** A new random key for calls to `audience`. */
export function newInternalKey(audience: SubgraphName): InternalKeyJwk {
  const k = randomBytes(MIN_KEY_BYTES).toString('base64url');
  return {
    kty: 'oct',
    alg: INTERNAL_TOKEN_ALGORITHM,
    kid: `${audience}-${randomUUID()}`,
    aud: audience,
    k,
  };
}

/** Fresh keys for a deployment: each service's file, holding only the keys it needs. */
export function newKeyFiles(): Record<ServiceName, { keys: InternalKeyJwk[] }> {
  const keys = new Map(SUBGRAPH_NAMES.map((name) => [name, newInternalKey(name)]));
  const file = (service: ServiceName) => ({
    keys: keysNeeded(service).map((name) => keys.get(name) as InternalKeyJwk),
  });
  return Object.fromEntries(SERVICE_NAMES.map((service) => [service, file(service)])) as Record<
    ServiceName,
    { keys: InternalKeyJwk[] }
  >;
}

/**
 * Writes fresh key files into `directory` as `<service>.internal-keys.json` (mode 0600) and
 * returns their paths; refuses, writing none, if any is there already.
 */
export function writeKeyFiles(directory: string): Record<ServiceName, string> {
  const files = newKeyFiles();
  const paths = Object.fromEntries(
    SERVICE_NAMES.map((service) => [
      service,
      path.join(directory, `${service}.internal-keys.json`),
    ]),
  ) as Record<ServiceName, string>;
  const present = Object.values(paths).filter((file) => fs.existsSync(file));
  if (present.length > 0) {
    throw new ConfigError(
      `${present.join(', ')} already exist: move them away or choose another directory.`,
    );
  }
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  for (const service of SERVICE_NAMES) {
    fs.writeFileSync(paths[service], `${JSON.stringify(files[service], null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  }
  return paths;
}

/**
 * This service's internal-token keys: `INTERNAL_TOKEN_KEYS_FILE`, else (never in production)
 * the dev file under `KEYS_DIR`, made on first use with a key for every service.
 */
export function internalKeyRing(config: Config): Promise<InternalKeyRing> {
  const { internalTokenKeysFile: file, keysDir } = config.auth;
  if (file) {
    return cached(`internal:keys:${file}`, async () => {
      const source = `${VARIABLE} (${file})`;
      return new InternalKeyRing(parseKeys(readJson(file), source), source);
    });
  }
  if (config.env === 'production') {
    return Promise.reject(
      new ConfigError(
        `No internal-token keys in production: set ${VARIABLE} to this service's key file ` +
          '(npm run internal-keys -- <directory> writes one for each service).',
      ),
    );
  }
  return cached(`internal:dev-keys:${keysDir}`, async () => {
    const json = await devJsonFile(config, DEV_FILE, () => ({
      keys: SUBGRAPH_NAMES.map(newInternalKey),
    }));
    const source = `the dev key file ${DEV_FILE} in ${keysDir}`;
    return new InternalKeyRing(parseKeys(json, source), source);
  });
}

function readJson(file: string): unknown {
  const text = readKeyFile(file, VARIABLE);
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(`${VARIABLE}: ${file} is not JSON (a JWK Set of oct keys).`);
  }
}

function parseKeys(json: unknown, source: string): InternalKey[] {
  const entries = (json as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new ConfigError(`${source} holds no keys: it must be a JWK Set, {"keys": [...]}.`);
  }
  const keys = entries.map((entry, index) => parseKey(entry, `${source}, key ${index + 1},`));
  const kids = new Set(keys.map((key) => key.kid));
  if (kids.size !== keys.length) {
    throw new ConfigError(`${source} names two keys with one kid: each kid must be unique.`);
  }
  return keys;
}

function parseKey(entry: unknown, where: string): InternalKey {
  const jwk = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  if (jwk.kty !== 'oct' || typeof jwk.k !== 'string') {
    throw new ConfigError(`${where} is not a secret (oct) JWK with "k".`);
  }
  if (jwk.alg !== undefined && jwk.alg !== INTERNAL_TOKEN_ALGORITHM) {
    throw new ConfigError(`${where} is for ${String(jwk.alg)}: internal tokens are HS256.`);
  }
  if (typeof jwk.kid !== 'string' || jwk.kid.trim() === '') {
    throw new ConfigError(`${where} has no "kid": every key needs one, to be found by.`);
  }
  if (!SUBGRAPH_NAMES.includes(jwk.aud as SubgraphName)) {
    throw new ConfigError(`${where} has no "aud" naming a service (${SUBGRAPH_NAMES.join(', ')}).`);
  }
  const secret = Buffer.from(jwk.k, 'base64url');
  if (secret.length < MIN_KEY_BYTES) {
    throw new ConfigError(`${where} is ${secret.length} bytes: HS256 keys need at least 32.`);
  }
  return { kid: jwk.kid, audience: jwk.aud as SubgraphName, key: createSecretKey(secret) };
}
