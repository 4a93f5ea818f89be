import {
  createSecretKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { type JWTPayload, SignJWT } from 'jose';
import { type Config, loadConfig } from '../config';
import {
  bodyHash,
  INTERNAL_TOKEN_HEADER,
  INTERNAL_TOKEN_ISSUER,
  signInternalToken,
  signedForStatistics,
  UsedTokens,
  verifyInternalToken,
} from './internal-token';
import { internalKeyRing, writeKeyFiles } from './internal-keys';
import { clearKeyCache } from './keys';
import { Purpose, type RequestContext, Role } from './roles';
import { mintDevToken, verifyUserToken } from './user-token';

let dir: string;
let config: Config;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hub-internal-token-'));
  clearKeyCache();
  config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir });
});

afterEach(() => {
  jest.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const context: RequestContext = {
  caller: {
    subject: 'user-17',
    role: Role.COORDINATOR,
    organisation: 'charity-nacro',
    purposes: [Purpose.EMPLOYMENT_SUPPORT],
  },
  purpose: Purpose.EMPLOYMENT_SUPPORT,
  requestId: 'req-1',
};
const body = JSON.stringify({ query: '{ claimant(nino: "QQ123456C") { nino } }' });
const now = () => Math.floor(Date.now() / 1000);

async function refusal(
  token: string | undefined,
  check: Parameters<typeof verifyInternalToken>[2] = { audience: 'dwp', body },
  cfg: Config = config,
): Promise<GraphQLError> {
  const error = await verifyInternalToken(cfg, token, check).then(
    () => {
      throw new Error('the token was accepted');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  return error as GraphQLError;
}

/** A hand-made internal token, for shapes signInternalToken would never produce. */
async function handMade(
  claims: JWTPayload,
  { key, kid }: { key: KeyObject; kid: string },
): Promise<string> {
  return new SignJWT({
    role: context.caller.role,
    org: context.caller.organisation,
    purposes: context.caller.purposes,
    purpose: context.purpose,
    rid: 'req-1',
    bh: bodyHash(body),
    iss: INTERNAL_TOKEN_ISSUER,
    aud: 'dwp',
    sub: 'user-17',
    iat: now(),
    exp: now() + 60,
    jti: randomUUID(),
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256', kid, typ: 'hub-internal+jwt' })
    .sign(key);
}

/** The key this test's (dev) configuration signs calls to dwp with. */
const dwpKey = async () => (await internalKeyRing(config)).signingKey('dwp');

describe('internal tokens', () => {
  it('carry the request context from the gateway to the subgraph it names', async () => {
    const token = await signInternalToken(config, { audience: 'dwp', context, body });

    await expect(verifyInternalToken(config, token, { audience: 'dwp', body })).resolves.toEqual(
      context,
    );
    await expect(
      verifyInternalToken(config, token, { audience: 'dwp', body: Buffer.from(body) }),
    ).resolves.toEqual(context);
    expect(INTERNAL_TOKEN_HEADER).toBe('x-hub-internal-token');
  });

  it('carry a request with no declared purpose', async () => {
    const none = { ...context, purpose: null };
    const token = await signInternalToken(config, { audience: 'vcs', context: none, body });

    await expect(verifyInternalToken(config, token, { audience: 'vcs', body })).resolves.toEqual(
      none,
    );
  });

  it('are refused by any other subgraph', async () => {
    const token = await signInternalToken(config, { audience: 'dwp', context, body });

    const error = await refusal(token, { audience: 'moj', body });

    expect(error.message).toBe('The internal token is not for this service.');
    // Signed with moj's key but naming dwp: the claim and the key must agree.
    const mojKey = (await internalKeyRing(config)).signingKey('moj');
    const crossed = await handMade({ aud: 'dwp' }, mojKey);
    expect((await refusal(crossed)).message).toBe('The internal token is not for this service.');
  });

  it('expire after 60 seconds', async () => {
    const token = await signInternalToken(config, { audience: 'dwp', context, body });
    jest.useFakeTimers({ now: Date.now() + 66_000, doNotFake: [...timersExceptDate] });

    const error = await refusal(token);

    expect(error.message).toBe('The internal token has expired.');
  });

  it('may not live longer than 60 seconds, be older, or be dated in the future', async () => {
    const key = await dwpKey();

    const longLived = await handMade({ exp: now() + 3600 }, key);
    expect((await refusal(longLived)).message).toBe(
      'The internal token lives longer than 60 seconds.',
    );
    const old = await handMade({ iat: now() - 90, exp: now() + 30 }, key);
    expect((await refusal(old)).message).toMatch(/too old|lives longer/);
    const future = await handMade({ iat: now() + 600, exp: now() + 630 }, key);
    expect((await refusal(future)).message).toMatch(/issue time/);
    const noIat = decode(await handMade({}, key));
    delete noIat.iat;
    const withoutIat = await new SignJWT(noIat)
      .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'hub-internal+jwt' })
      .sign(key.key);
    await refusal(withoutIat);
  });

  it('cannot be replayed with another request body', async () => {
    const token = await signInternalToken(config, { audience: 'dwp', context, body });
    const other = JSON.stringify({ query: '{ claimant(nino: "QQ654321A") { nino } }' });

    const error = await refusal(token, { audience: 'dwp', body: other });

    expect(error.message).toBe('The internal token was signed for a different request body.');
    await refusal(token, { audience: 'dwp', body: `${body} ` });
  });

  it('are good for one call each', async () => {
    const used = new UsedTokens();
    const token = await signInternalToken(config, { audience: 'dwp', context, body });
    const again = await signInternalToken(config, { audience: 'dwp', context, body });

    await expect(
      verifyInternalToken(config, token, { audience: 'dwp', body, used }),
    ).resolves.toEqual(context);
    expect((await refusal(token, { audience: 'dwp', body, used })).message).toBe(
      'The internal token was already used: each is good for one call.',
    );
    await expect(
      verifyInternalToken(config, again, { audience: 'dwp', body, used }),
    ).resolves.toEqual(context);
    const key = await dwpKey();
    const withoutId = decode(await handMade({}, key));
    delete withoutId.jti;
    await refusal(
      await new SignJWT(withoutId)
        .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'hub-internal+jwt' })
        .sign(key.key),
    );
  });

  it('are refused when forged with another key, even under the real key id', async () => {
    const { kid } = await dwpKey();
    const stranger = createSecretKey(randomBytes(32));

    const error = await refusal(await handMade({}, { key: stranger, kid }));

    expect(error.message).toBe("The internal token's signature is not valid.");
  });

  it('are not user tokens, and a user token is not one', async () => {
    const userToken = await mintDevToken(config, {
      role: Role.COORDINATOR,
      organisation: 'charity-nacro',
    });

    await refusal(userToken);
    await refusal(undefined);
    await refusal('');
    const internal = await signInternalToken(config, { audience: 'dwp', context, body });
    await expect(verifyUserToken(internal, config)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('carry only a purpose the caller may use', async () => {
    const key = await dwpKey();

    await refusal(await handMade({ purpose: Purpose.STATISTICS }, key));
    await refusal(await handMade({ purposes: [Purpose.LINKAGE_REVIEW] }, key));
    await refusal(await handMade({ role: 'ROOT' }, key));
  });

  it('are refused from another issuer, of another type, or under another algorithm', async () => {
    const key = await dwpKey();
    const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = decode(await handMade({}, key));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

    expect((await refusal(await handMade({ iss: 'someone-else' }, key))).message).toBe(
      "The internal token was not issued by the hub's gateway.",
    );
    const plainJwt = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
      .sign(key.key);
    expect((await refusal(plainJwt)).message).toBe(
      'The internal token is not of the expected type.',
    );
    const unsigned = `${base64url({ alg: 'none', typ: 'hub-internal+jwt' })}.${base64url(claims)}.`;
    expect((await refusal(unsigned)).message).toMatch(/algorithm is not accepted|signature/);
    // Another algorithm under the real key id: only HS256 is taken.
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'hub-internal+jwt' })
      .sign(privateKey);
    expect((await refusal(confused)).message).toMatch(/algorithm is not accepted|signature/);
    expect((await refusal('not.a.token')).message).toBe('The internal token is malformed.');
  });

  it('are only signed for a subgraph', async () => {
    await expect(
      signInternalToken(config, { audience: 'gateway' as 'dwp', context, body }),
    ).rejects.toThrow(/subgraph/);
  });
});

describe('internal key files', () => {
  const production = (file: string) =>
    loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dir,
      INTERNAL_TOKEN_KEYS_FILE: file,
      AUTH_JWKS_URL: 'https://idp.example/jwks',
    });

  it('let each service sign only to those it calls, and verify only its own', async () => {
    const files = writeKeyFiles(path.join(dir, 'keys-out'));
    const gateway = production(files.gateway);
    const dwp = production(files.dwp);
    const moj = production(files.moj);

    const toDwp = await signInternalToken(gateway, { audience: 'dwp', context, body });
    await expect(verifyInternalToken(dwp, toDwp, { audience: 'dwp', body })).resolves.toEqual(
      context,
    );
    expect((await refusal(toDwp, { audience: 'moj', body }, moj)).message).toBe(
      "The internal token's signature is not valid.",
    );
    await expect(signInternalToken(dwp, { audience: 'moj', context, body })).rejects.toThrow(
      /holds no internal-token key for moj/,
    );
  });

  it('accept any listed key for the service, sign with the first, and refuse a dropped one', async () => {
    const key = (aud: string, kid: string) => ({
      kty: 'oct',
      alg: 'HS256',
      kid,
      aud,
      k: randomBytes(32).toString('base64url'),
    });
    const [old, next, dropped] = [key('moj', 'moj-old'), key('moj', 'moj-new'), key('moj', 'x')];
    const file = (name: string, keys: object[]) => {
      const where = path.join(dir, name);
      writeFileSync(where, JSON.stringify({ keys }));
      return where;
    };
    const subgraph = production(file('moj.json', [next, old]));
    const token = async (keys: object[], name: string) => {
      clearKeyCache();
      return signInternalToken(production(file(name, keys)), { audience: 'moj', context, body });
    };

    for (const [keys, name] of [
      [[old], 'a.json'],
      [[next, old], 'b.json'],
    ] as const) {
      const signed = await token([...keys], name);
      await expect(
        verifyInternalToken(subgraph, signed, { audience: 'moj', body }),
      ).resolves.toEqual(context);
    }
    const header = JSON.parse(
      Buffer.from((await token([next, old], 'c.json')).split('.')[0], 'base64url').toString(),
    ) as { kid: string };
    expect(header.kid).toBe('moj-new');
    const stale = await token([dropped], 'd.json');
    expect((await refusal(stale, { audience: 'moj', body }, subgraph)).message).toBe(
      "The internal token's signature is not valid.",
    );
  });
});

const timersExceptDate = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

function decode(token: string): JWTPayload {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as JWTPayload;
}

describe('signedForStatistics', () => {
  const statistics: RequestContext = {
    caller: {
      subject: 'identity-service',
      role: Role.DATA_STEWARD,
      organisation: 'employment-support-hub',
      purposes: [Purpose.STATISTICS],
    },
    purpose: Purpose.STATISTICS,
    requestId: 'req-2',
  };

  it("lets only identity's statistics calls, signed by a hub key, send a large body", async () => {
    const sign = (ctx: RequestContext, audience: 'dwp' | 'moj' = 'dwp') =>
      signInternalToken(config, { audience, context: ctx, body });

    expect(await signedForStatistics(config, await sign(statistics), 'dwp')).toBe(true);
    expect(await signedForStatistics(config, await sign(context), 'dwp')).toBe(false);
    expect(await signedForStatistics(config, await sign(statistics, 'moj'), 'dwp')).toBe(false);
    expect(await signedForStatistics(config, undefined, 'dwp')).toBe(false);
    const { kid } = (await internalKeyRing(config)).signingKey('dwp');
    const forged = await new SignJWT({ role: Role.DATA_STEWARD, purpose: Purpose.STATISTICS })
      .setProtectedHeader({ alg: 'HS256', kid, typ: 'hub-internal+jwt' })
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience('dwp')
      .setIssuedAt()
      .setExpirationTime('30s')
      .sign(createSecretKey(randomBytes(32)));
    expect(await signedForStatistics(config, forged, 'dwp')).toBe(false);
  });
});
