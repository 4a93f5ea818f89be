import { localGateway } from './local-gateway';
import {
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type ParseOptions,
  parse,
  print,
  validate,
} from 'graphql';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { ROOT_DIR, SCHEMA_DIR } from '../lib/paths';

/** The registry in the repository: one `.graphql` file per operation, and the manifest. */
export const TRUSTED_DOCUMENTS_DIR = path.join(ROOT_DIR, 'gateway', 'trusted-documents');
export const MANIFEST_FILE = path.join(TRUSTED_DOCUMENTS_DIR, 'manifest.json');

export interface TrustedOperation {
  id: string;
  name: string;
  type: OperationDefinitionNode['operation'];
  body: string;
}

/** Apollo's persisted-query manifest format, so Apollo's tools can read ours. */
export interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: TrustedOperation[];
}

/** A document that cannot be registered; the message names the file and what to fix. */
export class DocumentError extends Error {}

/** A document's text as graphql-js prints it: whitespace, commas and comments do not count. */
export function normaliseDocument(text: string, options?: ParseOptions): string {
  return print(parse(text, options));
}

/** A document's id: the SHA-256, in hex, of its normalised text, as Apollo's manifest `id`. */
export function documentId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The operation a document file registers: exactly one named operation (fragments allowed),
 * valid against `schema` when one is given, with its normalised text as the body.
 */
export function trustedOperation(
  text: string,
  source: string,
  schema?: GraphQLSchema,
): TrustedOperation {
  let document;
  try {
    document = parse(text);
  } catch (error) {
    throw new DocumentError(`${source}: ${(error as Error).message}`);
  }
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  const [operation] = operations;
  if (operations.length !== 1 || !operation.name) {
    throw new DocumentError(`${source}: a document holds exactly one named operation.`);
  }
  const problems = schema ? validate(schema, document) : [];
  if (problems.length > 0) {
    const lines = problems.map((problem) => `  ${problem.message}`);
    throw new DocumentError(`${source} does not fit the supergraph:\n${lines.join('\n')}`);
  }
  const body = print(document);
  return { id: documentId(body), name: operation.name.value, type: operation.operation, body };
}

/** The schema clients query: the checked-in supergraph without its `@inaccessible` parts. */
export async function apiSchema(): Promise<GraphQLSchema> {
  const supergraphSdl = await readFile(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
  const gateway = localGateway({ supergraphSdl, logger: pino({ level: 'silent' }) });
  try {
    return (await gateway.load()).schema;
  } finally {
    await gateway.stop();
  }
}

/** The manifest for every `.graphql` file in `dir`, by operation name. */
export async function buildManifest(dir: string, schema: GraphQLSchema): Promise<Manifest> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.graphql')).sort();
  const operations: TrustedOperation[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    const operation = trustedOperation(text, file, schema);
    const twin = operations.find(({ name, id }) => name === operation.name || id === operation.id);
    if (twin) throw new DocumentError(`${file}: ${twin.name} is registered already.`);
    operations.push(operation);
  }
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The checked-in manifest as id → body; refuses one whose ids do not match their bodies. */
export async function readManifest(file = MANIFEST_FILE): Promise<Map<string, string>> {
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  const damaged = () =>
    new Error(`${file} is damaged: run \`npm run documents:manifest\` and commit it.`);
  if (manifest.format !== 'apollo-persisted-query-manifest') throw damaged();
  const documents = new Map<string, string>();
  for (const { id, body } of manifest.operations) {
    if (documentId(body) !== id) throw damaged();
    documents.set(id, body);
  }
  return documents;
}
