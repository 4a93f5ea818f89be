import { localGateway } from './local-gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SharedCache } from '../lib/cache';
import type { Config } from '../lib/config';
import { type RunningService, createHttpServer, listen } from '../lib/http';
import type { Logger } from '../lib/logger';
import { serveMetrics } from '../lib/metrics';
import { metricsPlugin } from '../lib/operation-metrics';
import { requestLog } from '../lib/request-log';
import { requestSpan } from '../lib/request-span';
import { SCHEMA_DIR } from '../lib/paths';
import { connectRedis, disconnectRedis } from '../lib/redis';
import type { SubgraphName } from '../lib/subgraphs';
import type { ApolloServerPlugin } from '@apollo/server';
import { internalKeyRing } from '../lib/auth/internal-keys';
import { userTokenVerifier } from '../lib/auth/keys';
import type { RequestContext } from '../lib/auth/roles';
import { authenticate } from './authentication';
import { readManifest } from './document-manifest';
import { DocumentRegistry } from './document-registry';
import { limitRequestSize, maskErrors, queryLimits } from './limits';
import { RateLimiter, anonymousKey, rateLimit } from './rate-limit';
import { checkReadiness } from './readiness';
import { cohortReport } from './reports/cohort-report';
import { requireTrustedDocuments } from './require-trusted-documents';
import { createSubgraphAgent, createSubgraphSource } from './subgraph-source';

/** The gateway runs from the checked-in supergraph, never from live introspection. */
export function readSupergraph(): string {
  return readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
}

export async function startGateway(config: Config, logger: Logger): Promise<RunningService> {
  // A missing or unreadable key stops the gateway here, with the setting to fix, not at the
  // first request.
  const [, keys] = await Promise.all([userTokenVerifier(config), internalKeyRing(config)]);
  keys.require('gateway');
  const agent = createSubgraphAgent();
  const trusted = await readManifest();
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  const documents = new DocumentRegistry(trusted, redis);
  documents.share(logger);
  const gateway = localGateway({
    supergraphSdl: readSupergraph(),
    logger,
    buildService: ({ name }) => {
      const subgraph = name as SubgraphName;
      const { url } = config.subgraphs[subgraph];
      return createSubgraphSource(subgraph, url, agent, config);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);
  const limits = queryLimits(config);
  const apollo = new ApolloServer<RequestContext>({
    gateway,
    cache: new SharedCache(redis),
    introspection: config.env !== 'production',
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(config, logger),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The default landing page loads scripts from a third-party CDN.
      ApolloServerPluginLandingPageDisabled(),
      ...(limits.plugins as ApolloServerPlugin<RequestContext>[]),
      metricsPlugin<RequestContext>(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/metrics', serveMetrics);
  app.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(config, agent, redis);
    res.status(readiness.status === 'ready' ? 200 : 503).json(readiness);
  });
  // Per user once signed in; per address before, loosely, so many users behind one NAT pass.
  const perUser = new RateLimiter({ limit: config.gateway.rateLimitPerMinute, redis });
  const perAddress = new RateLimiter({
    limit: config.gateway.rateLimitPerMinute * 10,
    redis,
    prefix: 'ratelimit:address:',
  });
  const perUserLimit = rateLimit(
    perUser,
    (request) => `user:${(request.res?.locals.request as RequestContext).caller.subject}`,
  );
  // The caller's trace id is continued (a client's trace joins ours); its sampling is not.
  const span = requestSpan({ fromOutside: true });
  app.use(
    '/graphql',
    span,
    requestLog(logger),
    rateLimit(perAddress, anonymousKey),
    limitRequestSize(),
    authenticate(config),
    perUserLimit,
    requireTrustedDocuments(documents),
    expressMiddleware(apollo, {
      context: async ({ res }) => res.locals.request as RequestContext,
    }),
  );
  app.get(
    '/reports/cohort-outcomes',
    span,
    requestLog(logger),
    rateLimit(perAddress, anonymousKey),
    authenticate(config),
    perUserLimit,
    cohortReport(apollo),
  );

  const port = await listen(httpServer, config.gateway.port, config.host);
  return {
    port,
    stop: async () => {
      await apollo.stop();
      await agent.close();
      await disconnectRedis(redis);
    },
  };
}
