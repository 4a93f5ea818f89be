import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { writeKeyFiles } from '../lib/auth/internal-keys';
import type { Purpose, Role } from '../lib/auth/roles';
import { SERVICE_NAMES, SUBGRAPH_NAMES, type ServiceName } from '../lib/subgraphs';

/**
 * Production refuses generated dev keys: a bench makes the key files an operator would give
 * (each service only its own internal-token keys), and signs its own user tokens as an
 * identity provider would.
 */
export async function productionKeys(dataDir: string) {
  const user = await generateKeyPair('ES256', { extractable: true });
  const file = async (name: string, content: string) => {
    const at = path.join(dataDir, name);
    await writeFile(at, content, { mode: 0o600 });
    return at;
  };
  const internal = writeKeyFiles(path.join(dataDir, 'internal-keys'));
  const serviceEnv: Partial<Record<ServiceName, NodeJS.ProcessEnv>> = Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, { INTERNAL_TOKEN_KEYS_FILE: internal[name] }]),
  );
  return {
    env: {
      AUTH_PUBLIC_KEY_FILE: await file('user.pub.pem', await exportSPKI(user.publicKey)),
    },
    /** Each service's own environment: its internal-token key file. */
    serviceEnv,
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
