import 'reflect-metadata';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { Fetcher } from '@apollo/utils.fetcher';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { fetch } from 'undici';
import { readSupergraph } from '../gateway/server';
import { createSubgraphAgent } from '../gateway/subgraph-source';
import type { AccessPolicy } from '../lib/access/policy';
import { unscopedLookup } from '../lib/access/scope';
import { Purpose, type RequestContext, Role } from '../lib/auth/roles';
import type { Config, SubgraphSettings } from '../lib/config';
import { closeDatabase, openDatabase } from '../lib/database';
import { type RunningService, createHttpServer, listen } from '../lib/http';
import type { Logger } from '../lib/logger';
import { runService } from '../lib/service';
import { SUBGRAPH_NAMES, type SubgraphName } from '../lib/subgraphs';
import { createContext as dwpContext } from '../subgraphs/dwp/context';
import { createDwpDatabase } from '../subgraphs/dwp/database';
import { buildDwpSchema } from '../subgraphs/dwp/schema';
import { createContext as identityContext } from '../subgraphs/identity/context';
import { createIdentityDatabase } from '../subgraphs/identity/database';
import { buildIdentitySchema } from '../subgraphs/identity/schema';
import { createContext as mojContext } from '../subgraphs/moj/context';
import { createMojDatabase } from '../subgraphs/moj/database';
import { buildMojSchema } from '../subgraphs/moj/schema';
import { createContext as vcsContext } from '../subgraphs/vcs/context';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { buildVcsSchema } from '../subgraphs/vcs/schema';

// The hub with its access control taken out, for bench/access-overhead.ts to compare against:
// one process per service, as the real hub runs, forked with the service's name as argument.
//   node dist/bench/open-service.js <identity|dwp|moj|vcs|gateway> [caseload organisation]
// Each subgraph is its own schema built with an empty policy (no field rules, no scoping, no
// audit), served by a plain Apollo Server with no internal-token check; the gateway is a plain
// ApolloGateway over the same checked-in supergraph, with no authentication, no rate limit and
// no graphql-armor limits. What is kept, because it is not access control: the embedded
// databases and their DataLoaders, the subgraphs' two disabled per-field plugins, and the
// gateway's pooled undici transport with its timeout.

/** No rules, so no field is checked, no row is scoped and no read is recorded. */
const EMPTY_POLICY: AccessPolicy = { roots: {}, types: {} };

/**
 * Every request's context says the same: with an empty policy nothing reads it but a caseload,
 * which is the organisation's named after the service's name (default `bench`).
 */
const REQUEST: RequestContext = {
  caller: {
    subject: 'bench-open',
    role: Role.DATA_STEWARD,
    organisation: process.argv[3] ?? 'bench',
    purposes: [Purpose.SUBJECT_ACCESS],
  },
  purpose: Purpose.SUBJECT_ACCESS,
  requestId: 'bench-open',
};

/** Every record in scope; with an empty policy nothing asks anyway. No linkage worker: the hub
 * linked the person index into these files before this starts. The settings let identity ask the
 * controllers for readiness, timeline, caseload and live reporting facts, as the hub's does. */
const services = (config: Config) => ({ scope: unscopedLookup, config });

interface OpenSubgraph {
  createDatabase: (settings: SubgraphSettings) => DataSource;
  buildSchema: (access: AccessPolicy) => Promise<GraphQLSchema>;
  createContext: (database: DataSource, request: RequestContext, config: Config) => BaseContext;
}

const SUBGRAPHS: Record<SubgraphName, OpenSubgraph> = {
  identity: {
    createDatabase: createIdentityDatabase,
    buildSchema: buildIdentitySchema,
    createContext: (database, request, config) =>
      identityContext(database, request, services(config)),
  },
  dwp: {
    createDatabase: createDwpDatabase,
    buildSchema: buildDwpSchema,
    createContext: (database, request, config) => dwpContext(database, request, services(config)),
  },
  moj: {
    createDatabase: createMojDatabase,
    buildSchema: buildMojSchema,
    createContext: (database, request, config) => mojContext(database, request, services(config)),
  },
  vcs: {
    createDatabase: createVcsDatabase,
    buildSchema: buildVcsSchema,
    createContext: (database, request, config) => vcsContext(database, request, services(config)),
  },
};

async function startSubgraph(
  name: SubgraphName,
  config: Config,
  logger: Logger,
): Promise<RunningService> {
  const definition = SUBGRAPHS[name];
  // The hub seeded, migrated and linked these files already; opening migrates nothing.
  const database = await openDatabase(definition.createDatabase(config.subgraphs[name]));
  const app = express();
  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer<BaseContext>({
    schema: await definition.buildSchema(EMPTY_POLICY),
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async () => definition.createContext(database, REQUEST, config),
    }),
  );
  const port = await listen(httpServer, config.subgraphs[name].port, config.host);
  return {
    port,
    stop: async () => {
      await apollo.stop();
      await closeDatabase(database);
    },
  };
}

async function startGateway(config: Config, logger: Logger): Promise<RunningService> {
  const agent = createSubgraphAgent();
  const timeoutMs = config.gateway.subgraphTimeoutMs;
  const fetcher = ((url: string, init: object) =>
    fetch(url, {
      ...init,
      dispatcher: agent,
      signal: AbortSignal.timeout(timeoutMs),
    })) as unknown as Fetcher;
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    logger,
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource({ url: config.subgraphs[name as SubgraphName].url, fetcher }),
  });
  const app = express();
  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer<BaseContext>({
    gateway,
    logger,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const port = await listen(httpServer, config.gateway.port, config.host);
  return {
    port,
    stop: async () => {
      await apollo.stop();
      await agent.close();
    },
  };
}

const name = process.argv[2];
if (name === 'gateway') {
  void runService('open-gateway', startGateway);
} else if ((SUBGRAPH_NAMES as readonly string[]).includes(name)) {
  void runService(`open-${name}`, (config, logger) =>
    startSubgraph(name as SubgraphName, config, logger),
  );
} else {
  process.stderr.write(`usage: open-service.js <${SUBGRAPH_NAMES.join('|')}|gateway>\n`);
  process.exit(2);
}
