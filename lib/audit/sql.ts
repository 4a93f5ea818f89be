import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

export type Engine = 'sqlite' | 'postgres';

export function engineOf(database: DataSource | EntityManager): Engine {
  const options = 'connection' in database ? database.connection.options : database.options;
  return options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/** Whether a migration is running on PostgreSQL (else SQLite). */
export const isPostgres = (queryRunner: QueryRunner) =>
  engineOf(queryRunner.connection) === 'postgres';

/** The n-th (1-based) bind parameter in the engine's own syntax. */
export function parameter(engine: Engine, n: number): string {
  return engine === 'postgres' ? `$${n}` : '?';
}

/** `count` bind parameters from the n-th on, comma-separated. */
export function parameters(engine: Engine, count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => parameter(engine, from + i)).join(', ');
}
