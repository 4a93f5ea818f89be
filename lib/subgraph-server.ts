import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { GraphQLError } from 'graphql';
import type { AccessContext } from './access/policy';
import {
  type AcceptedScope,
  HANDED_SCOPE_EXTENSION,
  KeptScopes,
  acceptedScope,
} from './access/handed-scope';
import { type RemoteScopeLookup, identityScopeClient } from './access/remote-scope';
import type { ScopeLookup } from './access/scope';
import { AuditLog } from './audit/audit-log';
import {
  INTERNAL_TOKEN_HEADER,
  UsedTokens,
  signedForStatistics,
  verifyInternalToken,
} from './auth/internal-token';
import { internalKeyRing } from './auth/internal-keys';
import type { RequestContext } from './auth/roles';
import type { Config, SubgraphSettings } from './config';
import { closeDatabase, openDatabase } from './database';
import { RequestsInFlight } from './drain';
import { databaseUnavailableErrors, isDatabaseUnavailable } from './database-errors';
import { ErrorCode, hubError } from './errors';
import { type RunningService, createHttpServer, listen } from './http';
import type { Logger } from './logger';
import { graphqlCalls, serveMetrics } from './metrics';
import { metricsPlugin, watchDatabasePool } from './operation-metrics';
import { requestLog } from './request-log';
import { requestSpan } from './request-span';
import { runService } from './service';
import type { SubgraphName } from './subgraphs';

export interface Subgraph<TContext extends AccessContext> {
  name: SubgraphName;
  schema: GraphQLSchema;
  database: DataSource;
  /** Called once per request: fresh DataLoaders, so nothing is cached across callers. */
  context: (request: RequestContext) => TContext;
  /** Work the subgraph does besides answering, such as pulling feeds; ready once caught up. */
  worker?: BackgroundWorker;
  /** Keeps a user's scope identity handed over (see lib/access/handed-scope.ts). */
  acceptScope?: (handed: AcceptedScope) => void;
}

export interface BackgroundWorker {
  name: string;
  ready: boolean;
  stop(): Promise<void>;
}

/**
 * One subgraph as an HTTP service: /graphql, /healthz (process up), /readyz (database answers),
 * /metrics (Prometheus).
 * /graphql answers only a POST carrying the gateway's internal token for that exact body, and
 * every person-level read it answers is in the audit before the answer leaves.
 */
export async function serveSubgraph<TContext extends AccessContext>(
  subgraph: Subgraph<TContext>,
  config: Config,
  logger: Logger,
): Promise<RunningService> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer<TContext>({
    schema: subgraph.schema,
    introspection: config.env !== 'production',
    includeStacktraceInErrorResponses: false,
    formatError: databaseUnavailableErrors(subgraph.name, logger),
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // Nothing reads cache hints here, and the plugin wraps every field's resolver to take them.
      ApolloServerPluginCacheControlDisabled(),
      auditPlugin<TContext>(subgraph.name, new AuditLog(subgraph.database), logger),
      metricsPlugin<TContext>(),
    ],
  });
  watchDatabasePool(subgraph.database);
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: subgraph.name });
  });
  app.get('/metrics', serveMetrics);
  const inFlight = new RequestsInFlight();
  let stopping = false;
  app.get('/readyz', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'unavailable', service: subgraph.name, reason: 'stopping' });
      return;
    }
    try {
      await subgraph.database.query('SELECT 1');
      if (subgraph.worker && !subgraph.worker.ready) {
        res.status(503).json({
          status: 'unavailable',
          service: subgraph.name,
          reason: subgraph.worker.name,
        });
        return;
      }
      res.json({ status: 'ready', service: subgraph.name });
    } catch (error) {
      logger.warn({ err: error }, 'database not answering');
      res.status(503).json({ status: 'unavailable', service: subgraph.name, reason: 'database' });
    }
  });
  app.use(
    '/graphql',
    inFlight.track,
    requestSpan({ fromOutside: false }),
    requestLog(logger),
    bodyParser(subgraph.name, config),
    gatewayOnly(subgraph.name, config),
    handedScopes(subgraph.acceptScope, logger),
    (_request, _response, next) => {
      graphqlCalls.inc();
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ res }) => subgraph.context(res.locals.request as RequestContext),
    }),
  );

  const port = await listen(httpServer, config.subgraphs[subgraph.name].port, config.host);
  return {
    port,
    stop: async () => {
      stopping = true;
      await Promise.all([subgraph.worker?.stop(), inFlight.settled(SETTLE_LIMIT_MS)]);
      await apollo.stop();
      await closeDatabase(subgraph.database);
    },
  };
}

/** How long a stopping subgraph goes on taking requests while its own are still in flight. */
const SETTLE_LIMIT_MS = 10_000;

/**
 * JSON bodies up to 1 MB; up to 256 MB for identity's statistics calls, which carry a reporting
 * cohort (a million releases is about 60 MB), and only once their token's signature checks out.
 */
const SMALL_BODY = 1024 * 1024;

function bodyParser(name: SubgraphName, config: Config): RequestHandler {
  const small = express.json({ limit: SMALL_BODY, verify: keepRawBody });
  const large = express.json({ limit: '256mb', verify: keepRawBody });
  return (request, response, next) => {
    if (Number(request.header('content-length') ?? 0) <= SMALL_BODY) {
      small(request, response, next);
      return;
    }
    signedForStatistics(config, request.header(INTERNAL_TOKEN_HEADER), name)
      .then((statistics) => (statistics ? large : small)(request, response, next))
      .catch(next);
  };
}

/** What a request's context is made with besides the database. */
export interface ContextServices {
  /** Whose records a request may see (see lib/access/scope.ts). */
  scope: ScopeLookup;
  worker?: BackgroundWorker;
  /** The hub's settings, for a subgraph that calls others (absent in in-process tests). */
  config?: Config;
}

export interface SubgraphDefinition<TContext extends AccessContext> {
  name: SubgraphName;
  createDatabase: (settings: SubgraphSettings) => DataSource;
  buildSchema: () => Promise<GraphQLSchema>;
  createContext: (
    database: DataSource,
    request: RequestContext,
    services: ContextServices,
  ) => TContext;
  startWorker?: (database: DataSource, config: Config, logger: Logger) => BackgroundWorker;
  /** How this subgraph learns a request's scope; by default, by asking the identity service. */
  scopeLookup?: (database: DataSource, config: Config, logger: Logger) => ScopeLookup;
}

/** A subgraph's whole process: migrate its database, build its schema, serve it. */
export function runSubgraph<TContext extends AccessContext>(
  definition: SubgraphDefinition<TContext>,
) {
  return runService(definition.name, async (config, logger) => {
    const settings = config.subgraphs[definition.name];
    // A key problem stops the start, naming the setting: this service checks and signs calls.
    (await internalKeyRing(config)).require(definition.name);
    const database = await openDatabase(definition.createDatabase(settings));
    const scope =
      definition.scopeLookup?.(database, config, logger) ?? identityScopeClient(config, logger);
    const subgraph: Subgraph<TContext> = {
      name: definition.name,
      schema: await definition.buildSchema(),
      database,
      acceptScope: 'accept' in scope ? (scope as RemoteScopeLookup).accept : undefined,
      context: (request) =>
        definition.createContext(database, request, { scope, worker: subgraph.worker, config }),
    };
    subgraph.worker = definition.startWorker?.(database, config, logger);
    return serveSubgraph(subgraph, config, logger);
  });
}

type WithRawBody = IncomingMessage & { rawBody?: Buffer };

const keepRawBody = (request: IncomingMessage, _response: unknown, body: Buffer) => {
  (request as WithRawBody).rawBody = body;
};

/** Answers nothing, not even `_service` or `_entities`, without the gateway's token for this body. */
function gatewayOnly(name: SubgraphName, config: Config): RequestHandler {
  const used = new UsedTokens();
  return async (request, response, next) => {
    if (request.method !== 'POST') {
      response.status(405).set('allow', 'POST').json(refusal('Send GraphQL requests as POST.'));
      return;
    }
    try {
      response.locals.request = await verifyInternalToken(
        config,
        request.header(INTERNAL_TOKEN_HEADER),
        { audience: name, body: (request as WithRawBody).rawBody ?? Buffer.alloc(0), used },
      );
      next();
    } catch (error) {
      response.status(401).json(refusal((error as GraphQLError).message));
    }
  };
}

/** Keeps the scope a call from identity hands over for the user's request it is part of. */
function handedScopes(
  accept: ((handed: AcceptedScope) => void) | undefined,
  logger: Logger,
): RequestHandler {
  const kept = new KeptScopes();
  return (request, response, next) => {
    const body = request.body as { extensions?: Record<string, unknown> } | undefined;
    const extension = body?.extensions?.[HANDED_SCOPE_EXTENSION];
    if (accept && extension !== undefined) {
      const handed = acceptedScope(response.locals.request as RequestContext, extension, kept);
      if (typeof handed === 'object') accept(handed);
      else if (handed === 'not kept') logger.debug('a scope handed by digest is not kept here');
      else logger.warn('a handed-over scope was not accepted: not from identity, or malformed');
    }
    next();
  };
}

const refusal = (message: string) => ({
  errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED } }],
});

/**
 * Writes the request's person-level reads to the audit before the answer leaves. If they cannot
 * be written, the answer is replaced by an error: an unrecorded read is not answered.
 */
function auditPlugin<TContext extends AccessContext>(
  service: SubgraphName,
  audit: AuditLog,
  logger: Logger,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const reads = contextValue.reads.drain();
          if (!reads.length) return;
          try {
            await audit.append(reads.map((read) => ({ context: contextValue.request, ...read })));
          } catch (error) {
            logger.error({ err: error }, 'audit write failed; answer withheld');
            if (response.body.kind === 'single') {
              response.body.singleResult = { errors: [unrecorded(service, error)] };
            }
          }
        },
      };
    },
  };
}

/** A read that could not be audited: the caller may try again if the database was only away. */
function unrecorded(service: SubgraphName, error: unknown): GraphQLError {
  if (!isDatabaseUnavailable(error)) {
    return hubError(
      ErrorCode.INTERNAL_SERVER_ERROR,
      'This read could not be recorded in the audit, so nothing is shown.',
    );
  }
  return hubError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    `This read could not be recorded in the audit (the ${service} service's database is not ` +
      'answering), so nothing is shown; try again shortly.',
    { service },
  );
}
