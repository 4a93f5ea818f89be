import express from 'express';
import request from 'supertest';
import { Role } from '../lib/auth/roles';
import { requestAs } from '../test/support/callers';
import { documentId, normaliseDocument } from './document-manifest';
import { DocumentRegistry } from './document-registry';
import { UNTRUSTED_MESSAGES, requireTrustedDocuments } from './require-trusted-documents';

const REGISTERED = normaliseDocument('query Prisons($first: Int) { establishments { code } }');
const ID = documentId(REGISTERED);
const OTHER = '{ establishments { name } }';
const OTHER_ID = documentId(normaliseDocument(OTHER));
const apq = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

/** The middleware between a stand-in for `authenticate` and a handler that echoes the request. */
function app() {
  const server = express();
  server.use(express.json(), (req, res, next) => {
    res.locals.request = requestAs((req.get('x-role') as Role) ?? Role.REPORTING, null);
    next();
  });
  server.use(requireTrustedDocuments(new DocumentRegistry(new Map([[ID, REGISTERED]]))));
  server.use((req, res) => {
    const query = new URL(req.url, 'http://test').searchParams;
    res.json(req.method === 'GET' ? Object.fromEntries(query) : req.body);
  });
  return server;
}

const post = (body: object, role = Role.REPORTING) =>
  request(app()).post('/graphql').set('x-role', role).send(body);

describe('requireTrustedDocuments for a REPORTING caller', () => {
  it('runs a registered document sent by documentId, with its variables', async () => {
    const answer = await post({ documentId: ID, variables: { first: 5 } });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ query: REGISTERED, variables: { first: 5 } });
  });

  it('runs a registered document sent as an APQ hash, keeping other extensions', async () => {
    const answer = await post({ extensions: { ...apq(ID), trace: true } });

    expect(answer.body).toEqual({ query: REGISTERED, extensions: { trace: true } });
  });

  it('runs the registered text for a full query that normalises to it', async () => {
    const spaced = 'query Prisons($first: Int) {\n  establishments { code }\n}\n';

    expect((await post({ query: spaced })).body).toEqual({ query: REGISTERED });
    expect((await post({ query: spaced, extensions: apq('a'.repeat(64)) })).body).toEqual({
      query: REGISTERED,
    });
  });

  it.each([
    ['an unregistered query', { query: OTHER }, UNTRUSTED_MESSAGES.unregistered],
    [
      'a query that does not parse',
      { query: '{ establishments {' },
      UNTRUSTED_MESSAGES.unregistered,
    ],
    ['no document at all', { variables: {} }, UNTRUSTED_MESSAGES.unregistered],
    ['an unknown documentId', { documentId: OTHER_ID }, UNTRUSTED_MESSAGES.unknownId],
    ['an unknown APQ hash', { extensions: apq(OTHER_ID) }, UNTRUSTED_MESSAGES.unknownId],
    ['a documentId that is not text', { documentId: 7 }, UNTRUSTED_MESSAGES.unknownId],
  ])('refuses %s with 400 and UNTRUSTED_DOCUMENT', async (_case, body, message) => {
    const answer = await post(body);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [{ message, extensions: { code: 'UNTRUSTED_DOCUMENT', requestId: 'test-request' } }],
    });
    expect(message).toContain('npm run documents:manifest');
  });

  it('refuses a documentId sent with a query', async () => {
    const answer = await post({ documentId: ID, query: REGISTERED });

    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({
      message: UNTRUSTED_MESSAGES.both,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('applies the same rules to GET, running the registered text', async () => {
    const get = (query: Record<string, string>) => request(app()).get('/graphql').query(query);

    expect((await get({ documentId: ID, variables: '{}' })).body).toEqual({
      query: REGISTERED,
      variables: '{}',
    });
    expect((await get({ extensions: JSON.stringify(apq(ID)) })).body).toEqual({
      query: REGISTERED,
    });
    expect((await get({ query: OTHER })).status).toBe(400);
    expect((await get({ query: OTHER, extensions: JSON.stringify(apq(ID)) })).status).toBe(400);
  });
});

describe('requireTrustedDocuments for other roles', () => {
  it('passes any query, and an APQ hash it does not know, to Apollo Server untouched', async () => {
    const unknown = { extensions: apq(OTHER_ID) };

    expect((await post({ query: OTHER }, Role.COORDINATOR)).body).toEqual({ query: OTHER });
    expect((await post(unknown, Role.DATA_STEWARD)).body).toEqual(unknown);
  });

  it('runs a registered document sent by id, and refuses an unknown id', async () => {
    expect((await post({ documentId: ID }, Role.COORDINATOR)).body).toEqual({ query: REGISTERED });
    expect((await post({ documentId: OTHER_ID }, Role.COORDINATOR)).status).toBe(400);
  });
});
