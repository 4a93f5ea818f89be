import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import type { Purpose, Role } from '../lib/auth/roles';
import { SUBGRAPH_NAMES } from '../lib/subgraphs';

/**
 * Production refuses generated dev keys: a bench makes the key files an operator would give,
 * and signs its own user tokens as an identity provider would.
 */
export async function productionKeys(dataDir: string) {
  const user = await generateKeyPair('ES256', { extractable: true });
  const internal = await generateKeyPair('ES256', { extractable: true });
  const file = async (name: string, content: string) => {
    const at = path.join(dataDir, name);
    await writeFile(at, content, { mode: 0o600 });
    return at;
  };
  const internalPublic = { ...(await exportJWK(internal.publicKey)), kid: 'bench', alg: 'ES256' };
  return {
    env: {
      AUTH_PUBLIC_KEY_FILE: await file('user.pub.pem', await exportSPKI(user.publicKey)),
      INTERNAL_SIGNING_KEY_FILE: await file(
        'internal.key.json',
        JSON.stringify({ ...(await exportJWK(internal.privateKey)), kid: 'bench', alg: 'ES256' }),
      ),
      INTERNAL_VERIFY_KEYS_FILE: await file(
        'internal.jwks.json',
        JSON.stringify({ keys: [internalPublic] }),
      ),
    },
    userToken: (subject: string, role: Role, organisation: string, purposes: Purpose[]) =>
      new SignJWT({ role, org: organisation, purposes })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer('employment-support-hub')
        .setAudience('employment-support-hub')
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(user.privateKey),
  };
}

export type ProductionKeys = Awaited<ReturnType<typeof productionKeys>>;

/**
 * The hub as deployed, for a bench: production, these keys, every service on a free port. The
 * rate limit is checked on every request but never reached (a refusal would be a cheap answer,
 * not the query); identity links once at start (the hub is ready only then) and pulls no feeds
 * while the bench measures.
 */
export function productionEnv(keys: ProductionKeys, dataDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    ...keys.env,
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: '1000000000',
    LINK_SYNC_INTERVAL_MS: '3600000',
    ...Object.fromEntries(
      [...SUBGRAPH_NAMES, 'gateway'].map((name) => [`${name.toUpperCase()}_PORT`, '0']),
    ),
  };
}
