import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { SERVICE_NAMES } from '../subgraphs';
import {
  type InternalKeyJwk,
  internalKeyRing,
  newInternalKey,
  writeKeyFiles,
} from './internal-keys';
import { clearKeyCache } from './keys';
import { runTypeScript } from './testing';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hub-internal-keys-'));
  clearKeyCache();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const ringOf = (keys: unknown) => {
  const file = path.join(dir, `ring-${Math.random()}.json`);
  writeFileSync(file, typeof keys === 'string' ? keys : JSON.stringify(keys));
  return internalKeyRing(loadConfig({ DATA_DIR: dir, INTERNAL_TOKEN_KEYS_FILE: file }));
};

const audiences = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { keys: InternalKeyJwk[] }).keys.map((k) => k.aud);

describe('internal-token key files', () => {
  it('give each service only its own key and the keys of those it calls', () => {
    const files = writeKeyFiles(path.join(dir, 'out'));

    expect(audiences(files.gateway)).toEqual(['identity', 'dwp', 'moj', 'vcs']);
    expect(audiences(files.identity)).toEqual(['identity', 'dwp', 'moj', 'vcs']);
    for (const controller of ['dwp', 'moj', 'vcs'] as const) {
      expect(audiences(files[controller])).toEqual([controller, 'identity']);
    }
    for (const service of SERVICE_NAMES) {
      expect(statSync(files[service]).mode & 0o777).toBe(0o600);
    }
    const secret = (file: string, aud: string) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { keys: InternalKeyJwk[] }).keys.find(
        (k) => k.aud === aud,
      )?.k;
    expect(secret(files.dwp, 'dwp')).toBe(secret(files.gateway, 'dwp'));
    expect(secret(files.dwp, 'dwp')).not.toBe(secret(files.moj, 'moj'));
  });

  it('are never overwritten', () => {
    const out = path.join(dir, 'out');
    const first = writeKeyFiles(out);
    const before = readFileSync(first.gateway, 'utf8');

    expect(() => writeKeyFiles(out)).toThrow(/already exist/);
    expect(readFileSync(first.gateway, 'utf8')).toBe(before);
  });

  it('stop a service that lacks a key it needs, naming the service', async () => {
    const ring = await ringOf({ keys: [newInternalKey('dwp')] });

    expect(() => ring.require('dwp')).toThrow(/no internal-token key for identity/);
    expect(() => ring.require('gateway')).toThrow(ConfigError);
  });

  it('refuse what is not a usable HS256 key, saying what is wrong', async () => {
    const good = newInternalKey('moj');
    const cases: [unknown, RegExp][] = [
      ['not json', /is not JSON/],
      [{ keys: [] }, /holds no keys/],
      [{ keys: [{ ...good, kty: 'EC' }] }, /not a secret \(oct\) JWK/],
      [{ keys: [{ ...good, alg: 'ES256' }] }, /internal tokens are HS256/],
      [{ keys: [{ ...good, kid: '' }] }, /has no "kid"/],
      [{ keys: [{ ...good, aud: 'gateway' }] }, /no "aud" naming a service/],
      [{ keys: [{ ...good, k: 'c2hvcnQ' }] }, /need at least 32/],
      [{ keys: [good, { ...newInternalKey('dwp'), kid: good.kid }] }, /one kid/],
    ];
    for (const [content, message] of cases) {
      await expect(ringOf(content)).rejects.toThrow(message);
    }
    const missing = loadConfig({ INTERNAL_TOKEN_KEYS_FILE: path.join(dir, 'absent.json') });
    await expect(internalKeyRing(missing)).rejects.toThrow(/cannot read .*ENOENT/);
  });

  it('are written by `npm run internal-keys`, which says which file goes where', async () => {
    const out = path.join(dir, 'cli');
    const run = await runTypeScript(['scripts/internal-keys.ts', out], {});

    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toContain(`dwp: INTERNAL_TOKEN_KEYS_FILE=${out}/dwp.internal-keys.json`);
    const again = await runTypeScript(['scripts/internal-keys.ts', out], {});
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exist: move them away/);
    const usage = await runTypeScript(['scripts/internal-keys.ts'], {});
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^Usage:/);
  });
});
