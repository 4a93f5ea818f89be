import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { DataSource } from 'typeorm';
import { metrics } from './metrics';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const operationSeconds = new Histogram({
  name: 'hub_graphql_operation_duration_seconds',
  help:
    'GraphQL operations this service answered, by operation name (`other` past the first 100 ' +
    'names, `anonymous` without one) and whether the answer carried errors.',
  labelNames: ['operation', 'outcome'],
  buckets: SECONDS,
  registers: [metrics],
});

const graphqlErrors = new Counter({
  name: 'hub_graphql_errors_total',
  help: 'Errors in GraphQL answers, by `extensions.code`.',
  labelNames: ['code'],
  registers: [metrics],
});

const subgraphSeconds = new Histogram({
  name: 'hub_subgraph_fetch_duration_seconds',
  help: 'The gateway’s calls to each subgraph, by whether an answer came back.',
  labelNames: ['subgraph', 'outcome'],
  buckets: SECONDS,
  registers: [metrics],
});

const cacheLookups = new Counter({
  name: 'hub_cache_lookups_total',
  help: 'Lookups in the hub’s caches, by cache and whether they hit.',
  labelNames: ['cache', 'result'],
  registers: [metrics],
});

/** Operation names are the client's to choose: a bounded set of them, and only plain names. */
const MAX_OPERATIONS = 100;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const seen = new Set<string>();

export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!NAME.test(name)) return 'other';
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATIONS) return 'other';
  seen.add(name);
  return name;
}

/** Times every operation and counts the errors its answer carries, by code. */
export function metricsPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const stop = operationSeconds.startTimer();
      return {
        async willSendResponse({ request, operationName, document, response }) {
          const errors =
            response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            graphqlErrors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          }
          stop({
            operation: operationLabel(
              operationName ?? request.operationName ?? firstOperationName(document),
            ),
            outcome: errors.length ? 'error' : 'ok',
          });
        },
      };
    },
  };
}

/** A document that failed validation has no operation chosen yet: its first one's name. */
function firstOperationName(document: DocumentNode | undefined): string | undefined {
  const operation = document?.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  return operation?.name?.value;
}

/** Times one call from the gateway to a subgraph. */
export async function timedSubgraphCall<T>(subgraph: string, call: () => Promise<T>): Promise<T> {
  const stop = subgraphSeconds.startTimer({ subgraph });
  try {
    const answer = await call();
    stop({ outcome: 'answered' });
    return answer;
  } catch (error) {
    stop({ outcome: 'failed' });
    throw error;
  }
}

export function countCacheLookup(cache: string, hit: boolean): void {
  cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
}

const pools = new Set<PgPool>();

new Gauge({
  name: 'hub_db_pool_connections',
  help: 'This service’s PostgreSQL connections: open in all, idle, and requests waiting for one.',
  labelNames: ['state'],
  registers: [metrics],
  collect() {
    if (!pools.size) return;
    const sum = (read: (pool: PgPool) => number) =>
      [...pools].reduce((total, pool) => total + read(pool), 0);
    this.set(
      { state: 'total' },
      sum((pool) => pool.totalCount),
    );
    this.set(
      { state: 'idle' },
      sum((pool) => pool.idleCount),
    );
    this.set(
      { state: 'waiting' },
      sum((pool) => pool.waitingCount),
    );
  },
});

/** Shows the database pool behind a service at each scrape: PostgreSQL only (SQLite has none). */
export function watchDatabasePool(database: DataSource): void {
  const pool = (database.driver as unknown as { master?: PgPool }).master;
  if (pool && typeof pool.totalCount === 'number') pools.add(pool);
}

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}
