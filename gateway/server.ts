import { ApolloGateway } from '@apollo/gateway';
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
import { SCHEMA_DIR } from '../lib/paths';
import { connectRedis, disconnectRedis } from '../lib/redis';
import type { SubgraphName } from '../lib/subgraphs';
import { checkReadiness } from './readiness';
import { createSubgraphAgent, createSubgraphSource } from './subgraph-source';

/** The gateway runs from the checked-in supergraph, never from live introspection. */
export function readSupergraph(): string {
  return readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
}

export async function startGateway(config: Config, logger: Logger): Promise<RunningService> {
  const agent = createSubgraphAgent();
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    logger,
    buildService: ({ name }) => {
      const subgraph = name as SubgraphName;
      const { url } = config.subgraphs[subgraph];
      return createSubgraphSource(subgraph, url, agent, config.gateway.subgraphTimeoutMs);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer({
    gateway,
    cache: new SharedCache(redis),
    introspection: config.env !== 'production',
    includeStacktraceInErrorResponses: false,
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The default landing page loads scripts from a third-party CDN.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(config, agent, redis);
    res.status(readiness.status === 'ready' ? 200 : 503).json(readiness);
  });
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo));

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
