import { createHmac, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { type JWTPayload, SignJWT } from 'jose';
import { type Config, loadConfig } from '../config';
import { clearKeyCache, devKeyPair, devUserSigningKey } from './keys';
import { Purpose, Role } from './roles';
import { bearerToken, DevTokenError, mintDevToken, verifyUserToken } from './user-token';

let dir: string;
let config: Config;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hub-user-token-'));
  clearKeyCache();
  config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const CLAIMS = {
  sub: 'user-17',
  role: Role.JOBCENTRE_ADVISER,
  org: 'jobcentre-leeds',
  purposes: [Purpose.BENEFIT_ADMINISTRATION],
};

/** A token signed with the dev user key (or `key`), with the hub's iss and aud unless overridden. */
async function signed(
  claims: JWTPayload = CLAIMS,
  { iss, aud, exp, key }: { iss?: string; aud?: string; exp?: number; key?: KeyObject } = {},
): Promise<string> {
  const dev = await devUserSigningKey(config);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: dev.kid })
    .setIssuer(iss ?? config.auth.issuer)
    .setAudience(aud ?? config.auth.audience)
    .setIssuedAt()
    .setExpirationTime(exp ?? now() + 600)
    .sign(key ?? dev.key);
}

async function refusal(token: string, cfg: Config = config): Promise<GraphQLError> {
  const error = await verifyUserToken(token, cfg).then(
    () => {
      throw new Error('the token was accepted');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  return error as GraphQLError;
}

describe('verifyUserToken', () => {
  it('accepts a valid token and returns its caller', async () => {
    await expect(verifyUserToken(await signed(), config)).resolves.toEqual({
      subject: 'user-17',
      role: Role.JOBCENTRE_ADVISER,
      organisation: 'jobcentre-leeds',
      purposes: [Purpose.BENEFIT_ADMINISTRATION],
    });
  });

  it('refuses an expired token, allowing 30 seconds of clock skew', async () => {
    await expect(
      verifyUserToken(await signed(CLAIMS, { exp: now() - 10 }), config),
    ).resolves.toBeDefined();

    const error = await refusal(await signed(CLAIMS, { exp: now() - 45 }));

    expect(error.message).toBe('The token has expired.');
  });

  it('refuses a token without an expiry', async () => {
    const dev = await devUserSigningKey(config);
    const token = await new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: 'ES256', kid: dev.kid })
      .setIssuer(config.auth.issuer)
      .setAudience(config.auth.audience)
      .sign(dev.key);

    expect((await refusal(token)).message).toMatch(/expiry/);
  });

  it('refuses a token from another issuer', async () => {
    const error = await refusal(await signed(CLAIMS, { iss: 'https://evil.example/' }));

    expect(error.message).toBe('The token was not issued by this hub.');
  });

  it('refuses a token for another audience', async () => {
    const error = await refusal(await signed(CLAIMS, { aud: 'some-other-api' }));

    expect(error.message).toBe('The token is not for this hub.');
  });

  it('refuses an unsigned token (alg none)', async () => {
    const header = b64({ alg: 'none', typ: 'JWT' });
    const payload = b64({
      ...CLAIMS,
      iss: config.auth.issuer,
      aud: config.auth.audience,
      exp: now() + 600,
    });
    await devKeyPair(config, 'user');

    for (const token of [`${header}.${payload}.`, `${header}.${payload}`]) {
      const error = await refusal(token);
      expect(error.message).not.toMatch(/jose|ERR_/);
    }
    expect((await refusal(`${header}.${payload}.`)).message).toBe(
      "The token's signing algorithm is not accepted.",
    );
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const { publicJwk } = await devKeyPair(config, 'user');
    const publicPem = createPublicKey({ key: publicJwk as never, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const payload = b64({
      ...CLAIMS,
      role: Role.DATA_STEWARD,
      purposes: [Purpose.SUBJECT_ACCESS],
      iss: config.auth.issuer,
      aud: config.auth.audience,
      exp: now() + 600,
    });

    for (const secret of [publicPem, JSON.stringify(publicJwk)]) {
      const header = b64({ alg: 'HS256', typ: 'JWT', kid: publicJwk.kid });
      const signature = createHmac('sha256', secret)
        .update(`${header}.${payload}`)
        .digest('base64url');
      const error = await refusal(`${header}.${payload}.${signature}`);
      expect(error.message).toBe("The token's signing algorithm is not accepted.");
    }
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await signed()).split('.');
    const forged = b64({
      ...CLAIMS,
      role: Role.DATA_STEWARD,
      purposes: [Purpose.SUBJECT_ACCESS],
      iss: config.auth.issuer,
      aud: config.auth.audience,
      exp: now() + 600,
    });

    const error = await refusal(`${header}.${forged}.${signature}`);

    expect(error.message).toBe("The token's signature is not valid.");
  });

  it('refuses a token signed by another key, even under the dev key id', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

    const error = await refusal(await signed(CLAIMS, { key: privateKey }));

    expect(error.message).toBe("The token's signature is not valid.");
  });

  it('refuses an unknown role', async () => {
    const error = await refusal(await signed({ ...CLAIMS, role: 'ADMIN' }));

    expect(error.message).toBe("The token's role is not one this hub knows.");
  });

  it('refuses a purpose the role may not use, and an unknown purpose', async () => {
    const steward = await signed({ ...CLAIMS, purposes: [Purpose.LINKAGE_REVIEW] });
    expect((await refusal(steward)).message).toBe(
      'The token declares purpose LINKAGE_REVIEW, which role JOBCENTRE_ADVISER may not use.',
    );

    const unknown = await signed({ ...CLAIMS, purposes: ['MARKETING'] });
    expect((await refusal(unknown)).message).toBe(
      'The token declares a purpose this hub does not know.',
    );
  });

  it('refuses a token with no subject, organisation or purposes list', async () => {
    const without = (claim: keyof typeof CLAIMS): JWTPayload =>
      Object.fromEntries(Object.entries(CLAIMS).filter(([name]) => name !== claim));
    const [noSubject, noOrg, noPurposes] = [without('sub'), without('org'), without('purposes')];

    expect((await refusal(await signed(noSubject))).message).toMatch(/subject|claim/);
    expect((await refusal(await signed(noOrg))).message).toMatch(/organisation/);
    expect((await refusal(await signed(noPurposes))).message).toMatch(/purposes/);
  });

  it('refuses garbage and empty tokens', async () => {
    await devKeyPair(config, 'user');

    expect((await refusal('not-a-jwt')).message).toBe('The token is malformed.');
    expect((await refusal('')).message).toMatch(/No token/);
  });
});

describe('configured user-token keys', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const rsaToken = (key: KeyObject = rsa.privateKey, alg = 'RS256') =>
    new SignJWT(CLAIMS)
      .setProtectedHeader({ alg, kid: 'idp-1' })
      .setIssuer('https://idp.example/')
      .setAudience('hub-api')
      .setExpirationTime('5m')
      .sign(key);

  it('verifies with AUTH_PUBLIC_KEY_FILE (PEM); no dev tokens while it is set', async () => {
    const file = path.join(dir, 'idp.pem');
    writeFileSync(file, rsa.publicKey.export({ type: 'spki', format: 'pem' }));
    const idp = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dir,
      AUTH_PUBLIC_KEY_FILE: file,
      AUTH_ISSUER: 'https://idp.example/',
      AUTH_AUDIENCE: 'hub-api',
    });

    await expect(verifyUserToken(await rsaToken(), idp)).resolves.toMatchObject({
      subject: 'user-17',
      organisation: 'jobcentre-leeds',
    });
    await expect(
      verifyUserToken(await rsaToken(rsa.privateKey, 'PS256'), idp),
    ).resolves.toBeDefined();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect((await refusal(await rsaToken(other), idp)).message).toBe(
      "The token's signature is not valid.",
    );
    const local = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, AUTH_PUBLIC_KEY_FILE: file });
    await expect(
      mintDevToken(local, { role: Role.COORDINATOR, organisation: 'x' }),
    ).rejects.toThrow(/AUTH_PUBLIC_KEY_FILE is set/);
  });

  describe('AUTH_JWKS_URL', () => {
    let server: Server;
    let jwksUrl: string;
    let fetches = 0;

    beforeAll(async () => {
      const jwk = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'idp-1', use: 'sig' };
      server = createServer((_request, response) => {
        fetches++;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });

    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('verifies against the provider keys, fetched once and cached', async () => {
      const idp = loadConfig({
        NODE_ENV: 'test',
        DATA_DIR: dir,
        AUTH_JWKS_URL: jwksUrl,
        AUTH_ISSUER: 'https://idp.example/',
        AUTH_AUDIENCE: 'hub-api',
      });

      for (let i = 0; i < 5; i++) {
        await expect(verifyUserToken(await rsaToken(), idp)).resolves.toMatchObject({
          subject: 'user-17',
        });
      }
      expect(fetches).toBe(1);
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      expect((await refusal(await rsaToken(other), idp)).message).toBe(
        "The token's signature is not valid.",
      );
    });
  });
});

describe('bearerToken', () => {
  it('takes the token from an Authorization: Bearer header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer   abc.def.ghi ')).toBe('abc.def.ghi');
  });

  it('gives null for anything else', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken('Bearer ')).toBeNull();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken('Bearerabc')).toBeNull();
  });
});

describe('mintDevToken', () => {
  it('makes a token the hub accepts, with every purpose of the role by default', async () => {
    const token = await mintDevToken(config, { role: Role.DATA_STEWARD, organisation: 'hub' });

    await expect(verifyUserToken(token, config)).resolves.toEqual({
      subject: 'dev-data_steward',
      role: Role.DATA_STEWARD,
      organisation: 'hub',
      purposes: [Purpose.LINKAGE_REVIEW, Purpose.SUBJECT_ACCESS],
    });
  });

  it('honours the subject, purposes and expiry asked for', async () => {
    const token = await mintDevToken(config, {
      role: Role.JOBCENTRE_ADVISER,
      organisation: 'jobcentre-leeds',
      purposes: [Purpose.EMPLOYMENT_SUPPORT],
      subject: 'coach-4',
      expiresIn: '30m',
    });
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

    expect(payload).toMatchObject({ sub: 'coach-4', purposes: [Purpose.EMPLOYMENT_SUPPORT] });
    expect(payload.exp - payload.iat).toBe(1800);
  });

  it('refuses what the hub would refuse, and production', async () => {
    await expect(
      mintDevToken(config, {
        role: Role.COORDINATOR,
        organisation: 'charity-1',
        purposes: [Purpose.STATISTICS],
      }),
    ).rejects.toThrow(DevTokenError);
    await expect(
      mintDevToken(config, { role: 'ADMIN' as Role, organisation: 'charity-1' }),
    ).rejects.toThrow(/Unknown role ADMIN/);
    await expect(
      mintDevToken(config, { role: Role.COORDINATOR, organisation: 'c', expiresIn: 'soon' }),
    ).rejects.toThrow(/time span/);
    await expect(
      mintDevToken(loadConfig({ NODE_ENV: 'production', DATA_DIR: dir }), {
        role: Role.COORDINATOR,
        organisation: 'charity-1',
      }),
    ).rejects.toThrow(/production/);
  });
});
