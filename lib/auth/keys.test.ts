import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { ConfigError, loadConfig } from '../config';
import { clearKeyCache, devKeyPair, devUserSigningKey, userTokenVerifier } from './keys';
import { internalKeyRing } from './internal-keys';
import { runTypeScript } from './testing';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hub-keys-'));
  clearKeyCache();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const devConfig = () => loadConfig({ NODE_ENV: 'test', DATA_DIR: dir });
const productionConfig = (extra: Record<string, string> = {}) =>
  loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, ...extra });

describe('auth configuration', () => {
  it('defaults the issuer, audience and keys folder, and resolves key files', () => {
    const config = loadConfig({ DATA_DIR: dir });

    expect(config.auth).toEqual({
      issuer: 'employment-support-hub',
      audience: 'employment-support-hub',
      jwksUrl: undefined,
      publicKeyFile: undefined,
      internalTokenKeysFile: undefined,
      keysDir: path.join(dir, 'keys'),
    });
  });

  it('reads every auth variable, treating blank as unset', () => {
    const config = loadConfig({
      AUTH_ISSUER: 'https://idp.example/',
      AUTH_AUDIENCE: 'hub-api',
      AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      AUTH_PUBLIC_KEY_FILE: ' ',
      INTERNAL_TOKEN_KEYS_FILE: 'secrets/gateway.internal-keys.json',
      KEYS_DIR: 'elsewhere',
    });

    expect(config.auth).toEqual({
      issuer: 'https://idp.example/',
      audience: 'hub-api',
      jwksUrl: 'https://idp.example/.well-known/jwks.json',
      publicKeyFile: undefined,
      internalTokenKeysFile: path.resolve('secrets/gateway.internal-keys.json'),
      keysDir: path.resolve('elsewhere'),
    });
  });

  it('names a bad JWKS URL', () => {
    expect(() => loadConfig({ AUTH_JWKS_URL: 'not a url' })).toThrow(/AUTH_JWKS_URL/);
  });

  it('refuses the retired ES256 internal-key variables, naming the one to set', () => {
    expect(() => loadConfig({ INTERNAL_SIGNING_KEY_FILE: '/etc/hub/gateway.pem' })).toThrow(
      /INTERNAL_SIGNING_KEY_FILE: no longer read[\s\S]*INTERNAL_TOKEN_KEYS_FILE/,
    );
    expect(() => loadConfig({ INTERNAL_VERIFY_KEYS_FILE: '/etc/hub/internal.jwks' })).toThrow(
      ConfigError,
    );
  });
});

describe('local dev keys', () => {
  it('creates the user ES256 pair and the internal HS256 keys on first use, mode 0600', async () => {
    const config = devConfig();
    const user = await devKeyPair(config, 'user');
    const internal = await internalKeyRing(config);

    const keysDir = path.join(dir, 'keys');
    expect(readdirSync(keysDir).sort()).toEqual([
      'dev-internal.keys.json',
      'dev-user.private.jwk',
      'dev-user.public.jwk',
    ]);
    for (const file of readdirSync(keysDir)) {
      expect(statSync(path.join(keysDir, file)).mode & 0o777).toBe(0o600);
    }
    const publicUser = JSON.parse(readFileSync(path.join(keysDir, 'dev-user.public.jwk'), 'utf8'));
    expect(publicUser).toEqual(user.publicJwk);
    expect(publicUser.d).toBeUndefined();
    expect(publicUser).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(publicUser.kid).toBe(await calculateJwkThumbprint(publicUser));
    expect(user.privateJwk.d).toEqual(expect.any(String));
    expect(internal.signingKey('dwp').kid).not.toBe(user.publicJwk.kid);
  });

  it('keeps the keys already on disk', async () => {
    const first = await devKeyPair(devConfig(), 'user');
    clearKeyCache();
    const second = await devKeyPair(devConfig(), 'user');

    expect(second.privateJwk).toEqual(first.privateJwk);
  });

  it('rewrites a public key file that does not match the private key', async () => {
    const publicFile = path.join(dir, 'keys', 'dev-user.public.jwk');
    const { publicJwk } = await devKeyPair(devConfig(), 'user');
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    writeFileSync(publicFile, JSON.stringify(stranger.export({ format: 'jwk' })));
    clearKeyCache();

    await devKeyPair(devConfig(), 'user');

    expect(JSON.parse(readFileSync(publicFile, 'utf8'))).toEqual(publicJwk);
  });

  it('gives parallel first calls one key set', async () => {
    const config = devConfig();
    const pairs = await Promise.all(
      Array.from({ length: 8 }, () => {
        clearKeyCache(); // each call loads for itself, as separate module instances would
        return devKeyPair(config, 'user');
      }),
    );

    expect(new Set(pairs.map((p) => p.privateJwk.kid)).size).toBe(1);
  });

  it('gives several processes starting at once one key set', async () => {
    // Each child loads the modules, says it is ready, waits for all the others, then races.
    const barrier = mkdtempSync(path.join(tmpdir(), 'hub-keys-barrier-'));
    const children = 4;
    const script = `
      const fs = require('node:fs');
      const { loadConfig } = require('./lib/config.ts');
      const { devKeyPair } = require('./lib/auth/keys.ts');
      const { internalKeyRing } = require('./lib/auth/internal-keys.ts');
      const config = loadConfig();
      fs.writeFileSync(${JSON.stringify(barrier)} + '/' + process.pid, '');
      // Waits 2 ms between looks: a busy loop starved the children still loading on 2 cores.
      const pause = new Int32Array(new SharedArrayBuffer(4));
      while (fs.readdirSync(${JSON.stringify(barrier)}).length < ${children}) {
        Atomics.wait(pause, 0, 0, 2);
      }
      Promise.all([devKeyPair(config, 'user'), internalKeyRing(config)])
        .then(([user, internal]) => process.stdout.write(JSON.stringify([
          user.privateJwk,
          internal.signingKey('moj').key.export({ format: 'jwk' }).k,
        ])))
        .catch((e) => { console.error(e); process.exit(1); });
    `;
    const runs = await Promise.all(
      Array.from({ length: children }, () =>
        runTypeScript(['-e', script], { NODE_ENV: 'development', DATA_DIR: dir }),
      ),
    ).finally(() => rmSync(barrier, { recursive: true, force: true }));

    for (const run of runs) expect(run).toMatchObject({ status: 0, stderr: '' });
    const keySets = runs.map((run) => run.stdout);
    expect(new Set(keySets).size).toBe(1);
    const [user, mojSecret] = JSON.parse(keySets[0]) as [JWK, string];
    const keysDir = path.join(dir, 'keys');
    expect(readdirSync(keysDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const onDisk = (file: string) => JSON.parse(readFileSync(path.join(keysDir, file), 'utf8'));
    expect(onDisk('dev-user.private.jwk')).toEqual(user);
    const internal = onDisk('dev-internal.keys.json') as { keys: { aud: string; k: string }[] };
    expect(internal.keys.find((key) => key.aud === 'moj')?.k).toBe(mojSecret);
    expect(onDisk('dev-user.public.jwk').x).toBe(user.x);
  });

  it('refuses a damaged dev key with what to do', async () => {
    const keysDir = path.join(dir, 'keys');
    await devKeyPair(devConfig(), 'user');
    writeFileSync(path.join(keysDir, 'dev-user.private.jwk'), '{"kty":"oct","k":"c2VjcmV0"}');
    clearKeyCache();

    await expect(devKeyPair(devConfig(), 'user')).rejects.toThrow(/delete it/);
  });
});

describe('production keys', () => {
  it('never makes dev keys, and names the variable to set', async () => {
    const config = productionConfig();

    await expect(userTokenVerifier(config)).rejects.toThrow(ConfigError);
    await expect(userTokenVerifier(config)).rejects.toThrow(/AUTH_JWKS_URL.*AUTH_PUBLIC_KEY_FILE/);
    await expect(internalKeyRing(config)).rejects.toThrow(/INTERNAL_TOKEN_KEYS_FILE/);
    await expect(devUserSigningKey(config)).rejects.toThrow(/never/);
    await expect(devKeyPair(config, 'user')).rejects.toThrow(/never/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a plain-http JWKS URL in production', async () => {
    const config = productionConfig({ AUTH_JWKS_URL: 'http://idp.example/jwks.json' });

    await expect(userTokenVerifier(config)).rejects.toThrow(/https/);
  });

  it('refuses a user-token key file that would let the wrong party sign', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const privatePem = path.join(dir, 'private.pem');
    writeFileSync(privatePem, privateKey.export({ type: 'pkcs8', format: 'pem' }));

    await expect(
      userTokenVerifier(productionConfig({ AUTH_PUBLIC_KEY_FILE: privatePem })),
    ).rejects.toThrow(/private key/);
    await expect(
      userTokenVerifier(productionConfig({ AUTH_PUBLIC_KEY_FILE: path.join(dir, 'missing.pem') })),
    ).rejects.toThrow(/AUTH_PUBLIC_KEY_FILE: cannot read/);
  });
});
