import type { DataSource } from 'typeorm';

/**
 * Support record ids bound into a statement that filters several branches on them, the same SQL
 * on SQLite and PostgreSQL: PostgreSQL reuses $1…$n in every branch, SQLite's `?` are bound again
 * for each. Take `parameters()` once the statement is written.
 */
export function recordIds(database: DataSource, ids: readonly string[]) {
  const postgres = database.options.type === 'postgres';
  const list = ids.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
  let uses = 0;
  return {
    /** `IN (…)` for one more branch. */
    in(): string {
      uses += 1;
      return `IN (${list})`;
    },
    parameters(): string[] {
      return postgres ? [...ids] : Array.from({ length: uses }, () => ids).flat();
    },
  };
}
