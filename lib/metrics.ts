import type { RequestHandler } from 'express';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** This process's metrics, served at /metrics in Prometheus's text format. No personal data. */
export const metrics = new Registry();

/**
 * Names the service in every series and adds the process's own (memory, event loop, GC); called
 * once, by a service starting, so that code merely importing this module starts no monitors.
 */
export function nameService(service: string): void {
  metrics.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metrics });
}

const sqlStatements = new Counter({
  name: 'hub_sql_statements_total',
  help:
    'SQL statements sent to this service’s database: `work` is data (reading and writing ' +
    'records), audit (appending to the audit chain) or transaction (BEGIN, COMMIT, …).',
  labelNames: ['work'],
  registers: [metrics],
});

export const graphqlCalls = new Counter({
  name: 'hub_graphql_calls_total',
  help: 'GraphQL requests this service received.',
  registers: [metrics],
});

const TRANSACTION = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;
const AUDIT = /\baudit_(log|log_key|head|key_head)\b|pg_advisory_xact_lock/i;

/** What a statement is for, by its text: the text itself is never kept. */
export function statementWork(query: string): 'data' | 'audit' | 'transaction' {
  if (TRANSACTION.test(query)) return 'transaction';
  return AUDIT.test(query) ? 'audit' : 'data';
}

/**
 * A TypeORM logger that counts every statement sent (no text, no parameters: they may hold
 * personal data); it logs nothing itself.
 */
export class StatementCounter implements TypeOrmLogger {
  logQuery(query: string) {
    sqlStatements.inc({ work: statementWork(query) });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

export const serveMetrics: RequestHandler = async (_request, response) => {
  response.set('content-type', metrics.contentType).send(await metrics.metrics());
};
