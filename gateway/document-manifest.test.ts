import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import {
  DocumentError,
  MANIFEST_FILE,
  TRUSTED_DOCUMENTS_DIR,
  apiSchema,
  buildManifest,
  documentId,
  manifestText,
  normaliseDocument,
  readManifest,
  trustedOperation,
} from './document-manifest';

const ESTABLISHMENTS = 'query Prisons { establishments { code name } }';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await apiSchema();
});

describe('document ids', () => {
  it('are the SHA-256 in hex of the text as graphql-js prints it', () => {
    const body = normaliseDocument(ESTABLISHMENTS);

    expect(body).toBe('query Prisons {\n  establishments {\n    code\n    name\n  }\n}');
    expect(documentId(body)).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('do not change with whitespace, commas or comments', () => {
    const spaced = '# prisons\nquery   Prisons {\n establishments { code, name }\n}\n';

    expect(documentId(normaliseDocument(spaced))).toBe(
      documentId(normaliseDocument(ESTABLISHMENTS)),
    );
    expect(trustedOperation(spaced, 'spaced.graphql').id).toBe(
      trustedOperation(ESTABLISHMENTS, 'plain.graphql').id,
    );
  });
});

describe('trustedOperation', () => {
  it('registers one named operation with its normalised body', () => {
    expect(trustedOperation(ESTABLISHMENTS, 'prisons.graphql', schema)).toEqual({
      id: documentId(normaliseDocument(ESTABLISHMENTS)),
      name: 'Prisons',
      type: 'query',
      body: normaliseDocument(ESTABLISHMENTS),
    });
  });

  it('refuses text that does not parse, naming the file', () => {
    expect(() => trustedOperation('query Prisons {', 'broken.graphql')).toThrow(
      /^broken\.graphql: Syntax Error/,
    );
  });

  it('refuses an anonymous operation and a file of two', () => {
    const two = `${ESTABLISHMENTS} query Again { establishments { code } }`;

    expect(() => trustedOperation('{ establishments { code } }', 'a.graphql')).toThrow(
      DocumentError,
    );
    expect(() => trustedOperation(two, 'b.graphql')).toThrow(/exactly one named operation/);
  });

  it('refuses a document the supergraph cannot answer, or that reaches an internal field', () => {
    expect(() => trustedOperation('query A { establishments { colour } }', 'a', schema)).toThrow(
      /does not fit the supergraph:\n {2}Cannot query field "colour"/,
    );
    expect(() =>
      trustedOperation('query B { charityCaseload(organisation: "x") }', 'b', schema),
    ).toThrow(/Cannot query field "charityCaseload"/);
  });
});

describe('the checked-in manifest', () => {
  it('is what `npm run documents:manifest` would write from gateway/trusted-documents/', async () => {
    const built = manifestText(await buildManifest(TRUSTED_DOCUMENTS_DIR, schema));

    // A failure here means: run `npm run documents:manifest` and commit the manifest.
    expect(await readFile(MANIFEST_FILE, 'utf8')).toBe(built);
  });

  it('holds a query a REPORTING token may run today', async () => {
    const documents = await readManifest();

    expect([...documents.values()]).toContainEqual(
      expect.stringMatching(/^query ReportingEstablishments \{/),
    );
  });
});

describe('manifests', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'trusted-documents-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('list operations by name, in Apollo persisted-query manifest format', async () => {
    await writeFile(path.join(dir, 'b.graphql'), ESTABLISHMENTS);
    await writeFile(path.join(dir, 'a.graphql'), 'query Zones { establishments { region } }');
    await writeFile(path.join(dir, 'notes.txt'), 'not a document');

    const manifest = await buildManifest(dir, schema);

    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.version).toBe(1);
    expect(manifest.operations.map(({ name }) => name)).toEqual(['Prisons', 'Zones']);
  });

  it('refuse two files registering one operation name', async () => {
    await writeFile(path.join(dir, 'a.graphql'), ESTABLISHMENTS);
    await writeFile(path.join(dir, 'b.graphql'), 'query Prisons { establishments { code } }');

    await expect(buildManifest(dir, schema)).rejects.toThrow(
      'b.graphql: Prisons is registered already.',
    );
  });

  it('are refused when an id does not match its body', async () => {
    const manifest = await buildManifest(TRUSTED_DOCUMENTS_DIR, schema);
    manifest.operations[0].body += ' ';
    const file = path.join(dir, 'manifest.json');
    await writeFile(file, manifestText(manifest));

    await expect(readManifest(file)).rejects.toThrow(
      /is damaged: run `npm run documents:manifest`/,
    );
  });
});
