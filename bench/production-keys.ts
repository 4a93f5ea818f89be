import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import type { Purpose, Role } from '../lib/auth/roles';

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
