import type { DataSource } from 'typeorm';
import { engineOf, parameters } from '../../../lib/audit/sql';
import { badUserInput } from '../../../lib/errors';
import { MAX_FACT_KEYS } from '../../../lib/person-facts';

/** The distinct keys asked about, in the order asked; too many is the caller's mistake. */
export function askedKeys(argument: string, keys: string[]): string[] {
  if (keys.length > MAX_FACT_KEYS)
    throw badUserInput(argument, `Ask about at most ${MAX_FACT_KEYS} ${argument} at a time.`);
  return [...new Set(keys)];
}

/**
 * Runs the statement `sql` makes from the bind list `(…)` of `keys`, used in as many places as
 * it likes: PostgreSQL reuses $1…$n in each, SQLite's `?` are bound again for each.
 */
export async function queryByKeys<Row>(
  database: DataSource,
  keys: string[],
  sql: (list: string) => string,
): Promise<Row[]> {
  const engine = engineOf(database);
  const list = `(${parameters(engine, keys.length)})`;
  const statement = sql(list);
  const uses = statement.split(list).length - 1;
  const values = engine === 'postgres' ? keys : Array.from({ length: uses }, () => keys).flat();
  return (await database.query(statement, values)) as Row[];
}
