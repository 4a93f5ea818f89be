/**
 * `npm run documents:manifest`: writes gateway/trusted-documents/manifest.json from the
 * `.graphql` files beside it, each checked against the supergraph.
 * `npm run --silent documents:register -- --file <file>`: registers one document in the Redis
 * every gateway replica reads (REDIS_URL) and prints its id.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import {
  DocumentError,
  MANIFEST_FILE,
  TRUSTED_DOCUMENTS_DIR,
  apiSchema,
  buildManifest,
  manifestText,
  trustedOperation,
} from '../gateway/document-manifest';
import { REGISTRY_KEY, registerDocument } from '../gateway/document-registry';
import { ConfigError, loadConfig } from '../lib/config';

const USAGE = `Usage: npm run documents:manifest
       npm run --silent documents:register -- --file <document.graphql>`;

/** Bad input: the message says what to fix; exit status 2. */
class UsageError extends Error {}

async function writeManifest(): Promise<void> {
  const manifest = await buildManifest(TRUSTED_DOCUMENTS_DIR, await apiSchema());
  await writeFile(MANIFEST_FILE, manifestText(manifest));
  const names = manifest.operations.map(({ name }) => name).join(', ') || 'none';
  process.stderr.write(`wrote ${path.relative(process.cwd(), MANIFEST_FILE)}: ${names}\n`);
}

async function readDocument(argv: string[]): Promise<{ file: string; text: string }> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { file: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.file?.trim()) throw new UsageError('--file is required: the .graphql document.');
  // npm runs scripts from the repository root; a relative path is the caller's.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.file);
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch {
    throw new UsageError(`Cannot read ${file}: give the path of a .graphql document.`);
  }
}

async function register(argv: string[]): Promise<void> {
  const { file, text } = await readDocument(argv);
  const operation = trustedOperation(text, file, await apiSchema());
  const { redisUrl } = loadConfig();
  if (!redisUrl) {
    throw new UsageError(
      'REDIS_URL is not set: the register command writes to the Redis the gateways share. ' +
        'Without Redis, add the file to gateway/trusted-documents/ and run ' +
        '`npm run documents:manifest`.',
    );
  }
  const redis = createClient({ url: redisUrl, socket: { reconnectStrategy: false } });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    throw new Error(`Could not reach Redis at REDIS_URL: ${(error as Error).message}`);
  }
  try {
    const id = await registerDocument(redis, operation.body);
    process.stderr.write(`registered ${operation.name} in Redis (${REGISTRY_KEY})\n`);
    process.stdout.write(`${id}\n`);
  } finally {
    await redis.close();
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  try {
    if (command === 'manifest') await writeManifest();
    else if (command === 'register') await register(rest);
    else throw new UsageError(`Unknown command ${JSON.stringify(command ?? '')}.`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof DocumentError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
}

void main().then((status) => {
  process.exitCode = status;
});
