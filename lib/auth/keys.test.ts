import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { ConfigError, loadConfig } from '../config';
import {
  clearKeyCache,
  devKeyPair,
  devUserSigningKey,
  internalSigningKey,
  internalVerifyKeys,
  userTokenVerifier,
} from './keys';
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
      internalSigningKeyFile: undefined,
      internalVerifyKeysFile: undefined,
      keysDir: path.join(dir, 'keys'),
    });
  });

  it('reads every auth variable, treating blank as unset', () => {
    const config = loadConfig({
      AUTH_ISSUER: 'https://idp.example/',
      AUTH_AUDIENCE: 'hub-api',
      AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      AUTH_PUBLIC_KEY_FILE: ' ',
      INTERNAL_SIGNING_KEY_FILE: 'secrets/gateway.pem',
      INTERNAL_VERIFY_KEYS_FILE: '/etc/hub/internal.jwks',
      KEYS_DIR: 'elsewhere',
    });

    expect(config.auth).toEqual({
      issuer: 'https://idp.example/',
      audience: 'hub-api',
      jwksUrl: 'https://idp.example/.well-known/jwks.json',
      publicKeyFile: undefined,
      internalSigningKeyFile: path.resolve('secrets/gateway.pem'),
      internalVerifyKeysFile: '/etc/hub/internal.jwks',
      keysDir: path.resolve('elsewhere'),
    });
  });

  it('names a bad JWKS URL', () => {
    expect(() => loadConfig({ AUTH_JWKS_URL: 'not a url' })).toThrow(/AUTH_JWKS_URL/);
  });
});

describe('local dev keys', () => {
  it('creates both ES256 pairs on first use, mode 0600, each with a kid', async () => {
    const config = devConfig();
    const user = await devKeyPair(config, 'user');
    const internal = await devKeyPair(config, 'internal');

    const keysDir = path.join(dir, 'keys');
    expect(readdirSync(keysDir).sort()).toEqual([
      'dev-internal.private.jwk',
      'dev-internal.public.jwk',
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
    expect(internal.publicJwk.kid).not.toBe(user.publicJwk.kid);
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
        return devKeyPair(config, 'internal');
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
      const config = loadConfig();
      fs.writeFileSync(${JSON.stringify(barrier)} + '/' + process.pid, '');
      // Waits 2 ms between looks: a busy loop starved the children still loading on 2 cores.
      const pause = new Int32Array(new SharedArrayBuffer(4));
      while (fs.readdirSync(${JSON.stringify(barrier)}).length < ${children}) {
        Atomics.wait(pause, 0, 0, 2);
      }
      Promise.all([devKeyPair(config, 'user'), devKeyPair(config, 'internal')])
        .then(([user, internal]) =>
          process.stdout.write(JSON.stringify([user.privateJwk, internal.privateJwk])))
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
    const [user, internal] = JSON.parse(keySets[0]) as JWK[];
    const keysDir = path.join(dir, 'keys');
    expect(readdirSync(keysDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const onDisk = (file: string) => JSON.parse(readFileSync(path.join(keysDir, file), 'utf8'));
    expect(onDisk('dev-user.private.jwk')).toEqual(user);
    expect(onDisk('dev-internal.private.jwk')).toEqual(internal);
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
    await expect(internalSigningKey(config)).rejects.toThrow(/INTERNAL_SIGNING_KEY_FILE/);
    await expect(internalVerifyKeys(config)).rejects.toThrow(/INTERNAL_VERIFY_KEYS_FILE/);
    await expect(devUserSigningKey(config)).rejects.toThrow(/never/);
    await expect(devKeyPair(config, 'user')).rejects.toThrow(/never/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a plain-http JWKS URL in production', async () => {
    const config = productionConfig({ AUTH_JWKS_URL: 'http://idp.example/jwks.json' });

    await expect(userTokenVerifier(config)).rejects.toThrow(/https/);
  });

  it('loads a PEM signing key whose kid matches its thumbprint in a JWKS without kids', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signingFile = path.join(dir, 'gateway.pem');
    const verifyFile = path.join(dir, 'internal.jwks');
    writeFileSync(signingFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(verifyFile, JSON.stringify({ keys: [publicKey.export({ format: 'jwk' })] }));
    const config = productionConfig({
      INTERNAL_SIGNING_KEY_FILE: signingFile,
      INTERNAL_VERIFY_KEYS_FILE: verifyFile,
    });

    const { kid } = await internalSigningKey(config);
    const resolve = await internalVerifyKeys(config);

    expect(kid).toBe(await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK));
    await expect(
      resolve({ alg: 'ES256', kid }, { payload: '', signature: '' }),
    ).resolves.toBeDefined();
  });

  it('refuses key files that would let the wrong party sign', async () => {
    const secret = path.join(dir, 'secret.jwks');
    writeFileSync(secret, JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const privateJwks = path.join(dir, 'private.jwks');
    writeFileSync(privateJwks, JSON.stringify({ keys: [privateKey.export({ format: 'jwk' })] }));
    const privatePem = path.join(dir, 'private.pem');
    writeFileSync(privatePem, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const rsaFile = path.join(dir, 'rsa.pem');
    writeFileSync(rsaFile, rsa.export({ type: 'pkcs8', format: 'pem' }));

    await expect(
      internalVerifyKeys(productionConfig({ INTERNAL_VERIFY_KEYS_FILE: secret })),
    ).rejects.toThrow(/symmetric/);
    await expect(
      internalVerifyKeys(productionConfig({ INTERNAL_VERIFY_KEYS_FILE: privateJwks })),
    ).rejects.toThrow(/private key/);
    await expect(
      userTokenVerifier(productionConfig({ AUTH_PUBLIC_KEY_FILE: privatePem })),
    ).rejects.toThrow(/private key/);
    await expect(
      internalSigningKey(productionConfig({ INTERNAL_SIGNING_KEY_FILE: rsaFile })),
    ).rejects.toThrow(/EC P-256/);
    await expect(
      userTokenVerifier(productionConfig({ AUTH_PUBLIC_KEY_FILE: path.join(dir, 'missing.pem') })),
    ).rejects.toThrow(/AUTH_PUBLIC_KEY_FILE: cannot read/);
  });
});
