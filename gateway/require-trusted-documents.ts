import type { Request, RequestHandler } from 'express';
import { type RequestContext, Role } from '../lib/auth/roles';
import { ErrorCode } from '../lib/errors';
import { documentId, normaliseDocument } from './document-manifest';
import type { DocumentRegistry } from './document-registry';
import { QUERY_LIMITS } from './limits';

const HOW_TO_REGISTER =
  'Send {"documentId": "<id>", "variables": {…}} with the id of a registered document (see ' +
  'gateway/trusted-documents/manifest.json). To register one, add its .graphql file to ' +
  'gateway/trusted-documents/ and run `npm run documents:manifest`, or run ' +
  '`npm run documents:register -- --file <file>` against the shared Redis.';

export const UNTRUSTED_MESSAGES = {
  unknownId: `No registered document has that id. ${HOW_TO_REGISTER}`,
  unregistered: `Reporting tools may send only registered documents. ${HOW_TO_REGISTER}`,
  both: 'Send a documentId or a query, not both.',
} as const;

/** What a GraphQL request names, from a POST body or a GET query string. */
interface Sent {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

type Decision =
  | { kind: 'pass' }
  | { kind: 'run'; query: string }
  | { kind: 'refuse'; code: ErrorCode; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The sha256Hash of an Apollo automatic persisted query, when the request carries one. */
function persistedHash(extensions: unknown): unknown {
  const persisted = isRecord(extensions) ? extensions.persistedQuery : undefined;
  return isRecord(persisted) ? persisted.sha256Hash : undefined;
}

/**
 * Reporting tools run only registered documents: sent by id (`documentId`, or an Apollo APQ hash
 * with no query) or as a full query whose normalised text is registered. Any caller may send the
 * id of a registered document. Other roles' queries, and their APQ hashes the registry does not
 * know, go on to Apollo Server untouched.
 */
async function decide(
  sent: Sent,
  reporting: boolean,
  registry: DocumentRegistry,
): Promise<Decision> {
  const pass: Decision = { kind: 'pass' };
  const run = (query: string): Decision => ({ kind: 'run', query });
  const refuse = (message: string, code: ErrorCode = ErrorCode.UNTRUSTED_DOCUMENT): Decision => ({
    kind: 'refuse',
    code,
    message,
  });
  const byId = async (id: unknown) =>
    typeof id === 'string' ? await registry.find(id) : undefined;

  if (sent.documentId !== undefined) {
    if (sent.query !== undefined) return refuse(UNTRUSTED_MESSAGES.both, ErrorCode.BAD_USER_INPUT);
    const body = await byId(sent.documentId);
    return body ? run(body) : refuse(UNTRUSTED_MESSAGES.unknownId);
  }
  const hash = persistedHash(sent.extensions);
  if (sent.query === undefined && hash !== undefined) {
    const body = await byId(hash);
    if (body) return run(body);
    return reporting ? refuse(UNTRUSTED_MESSAGES.unknownId) : pass;
  }
  if (!reporting) return pass;
  const body = typeof sent.query === 'string' ? await byId(textId(sent.query)) : undefined;
  return body ? run(body) : refuse(UNTRUSTED_MESSAGES.unregistered);
}

function textId(query: string): string | undefined {
  try {
    return documentId(normaliseDocument(query, { maxTokens: QUERY_LIMITS.tokens }));
  } catch {
    return undefined;
  }
}

/** The request's own extensions without `persistedQuery`, so Apollo's APQ does not act on it. */
function otherExtensions(extensions: unknown): unknown {
  if (!isRecord(extensions)) return extensions;
  const rest = { ...extensions };
  delete rest.persistedQuery;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function readSent(req: Request): Sent {
  if (req.method !== 'GET') return isRecord(req.body) ? req.body : {};
  const params = new URL(req.url, 'http://gateway').searchParams;
  const extensions = params.get('extensions') ?? undefined;
  let parsed: unknown = extensions;
  try {
    if (extensions !== undefined) parsed = JSON.parse(extensions);
  } catch {
    // Left as text: Apollo Server refuses it.
  }
  return {
    query: params.get('query') ?? undefined,
    documentId: params.get('documentId') ?? undefined,
    extensions: parsed,
  };
}

/** Puts the registered body in the request, in place of whatever named the document. */
function writeQuery(req: Request, sent: Sent, query: string): void {
  const extensions = otherExtensions(sent.extensions);
  if (req.method !== 'GET') {
    const body: Record<string, unknown> = { ...sent, query, extensions };
    delete body.documentId;
    if (extensions === undefined) delete body.extensions;
    req.body = body;
    return;
  }
  const url = new URL(req.url, 'http://gateway');
  url.searchParams.set('query', query);
  url.searchParams.delete('documentId');
  if (extensions === undefined) url.searchParams.delete('extensions');
  else url.searchParams.set('extensions', JSON.stringify(extensions));
  req.url = `${url.pathname}${url.search}`;
}

/**
 * Express middleware, after `authenticate`: a REPORTING caller's request runs only a registered
 * document, the registered text itself; anything else is refused with HTTP 400 and
 * UNTRUSTED_DOCUMENT, saying how to send or register one.
 */
export function requireTrustedDocuments(registry: DocumentRegistry): RequestHandler {
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') {
      next();
      return;
    }
    const { caller, requestId } = res.locals.request as RequestContext;
    const sent = readSent(req);
    const decision = await decide(sent, caller.role === Role.REPORTING, registry);
    if (decision.kind === 'refuse') {
      res.status(400).json({
        errors: [{ message: decision.message, extensions: { code: decision.code, requestId } }],
      });
      return;
    }
    if (decision.kind === 'run') writeQuery(req, sent, decision.query);
    next();
  };
}
