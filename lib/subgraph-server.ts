import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config, SubgraphSettings } from './config';
import { closeDatabase, openDatabase } from './database';
import { type RunningService, createHttpServer, listen } from './http';
import type { Logger } from './logger';
import { runService } from './service';
import type { SubgraphName } from './subgraphs';

export interface Subgraph<TContext extends object> {
  name: SubgraphName;
  schema: GraphQLSchema;
  database: DataSource;
  /** Called once per request: fresh DataLoaders, so nothing is cached across callers. */
  context: () => TContext;
  /** Work the subgraph does besides answering, such as pulling feeds; ready once caught up. */
  worker?: BackgroundWorker;
}

export interface BackgroundWorker {
  name: string;
  ready: boolean;
  stop(): Promise<void>;
}

/** One subgraph as an HTTP service: /graphql, /healthz (process up), /readyz (database answers). */
export async function serveSubgraph<TContext extends object>(
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
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: subgraph.name });
  });
  app.get('/readyz', async (_req, res) => {
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
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => subgraph.context() }),
  );

  const port = await listen(httpServer, config.subgraphs[subgraph.name].port, config.host);
  return {
    port,
    stop: async () => {
      await subgraph.worker?.stop();
      await apollo.stop();
      await closeDatabase(subgraph.database);
    },
  };
}

export interface SubgraphDefinition<TContext extends object> {
  name: SubgraphName;
  createDatabase: (settings: SubgraphSettings) => DataSource;
  buildSchema: () => Promise<GraphQLSchema>;
  createContext: (database: DataSource, worker?: BackgroundWorker) => TContext;
  startWorker?: (database: DataSource, config: Config, logger: Logger) => BackgroundWorker;
}

/** A subgraph's whole process: migrate its database, build its schema, serve it. */
export function runSubgraph<TContext extends object>(definition: SubgraphDefinition<TContext>) {
  return runService(definition.name, async (config, logger) => {
    const settings = config.subgraphs[definition.name];
    const database = await openDatabase(definition.createDatabase(settings));
    const subgraph: Subgraph<TContext> = {
      name: definition.name,
      schema: await definition.buildSchema(),
      database,
      context: () => definition.createContext(database, subgraph.worker),
    };
    subgraph.worker = definition.startWorker?.(database, config, logger);
    return serveSubgraph(subgraph, config, logger);
  });
}
