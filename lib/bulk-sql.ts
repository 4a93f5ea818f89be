import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

const MAX_PARAMETERS = { sqlite: 30_000, postgres: 60_000 };
const MAX_ROWS_PER_STATEMENT = 500;

export interface BulkInsertOptions {
  /** Columns (property names) of a unique key: a row that clashes on them replaces the old one. */
  upsertOn?: string[];
}

/**
 * Inserts many rows as parameterised multi-row INSERTs built from the entity's own column
 * metadata, the same SQL on SQLite and PostgreSQL. TypeORM's query builder names every
 * parameter and looks each one up again, which costs more than the database's own work.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: Partial<T>[],
  options: BulkInsertOptions = {},
): Promise<void> {
  if (!rows.length) return;
  const metadata = manager.connection.getMetadata(entity);
  const engine = manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
  const columns = metadata.columns.filter(
    (c) => !(c.isGenerated && (rows[0] as ObjectLiteral)[c.propertyName] === undefined),
  );
  const perStatement = Math.min(
    MAX_ROWS_PER_STATEMENT,
    Math.floor(MAX_PARAMETERS[engine] / columns.length),
  );
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  const onConflict = conflictClause(metadata, columns, options.upsertOn);
  for (let start = 0; start < rows.length; start += perStatement) {
    const values: unknown[] = [];
    const tuples = rows.slice(start, start + perStatement).map((row) => {
      const placeholders = columns.map((column) => {
        values.push(toParameter(row[column.propertyName as keyof T], column.type, engine));
        return engine === 'postgres' ? `$${values.length}` : '?';
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(
      `INSERT INTO "${metadata.tableName}" (${names}) VALUES ${tuples.join(', ')}${onConflict}`,
      values,
    );
  }
}

function conflictClause(
  metadata: EntityMetadata,
  columns: EntityMetadata['columns'],
  upsertOn: string[] | undefined,
): string {
  if (!upsertOn) return '';
  const key = upsertOn.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return column.databaseName;
  });
  const updates = columns
    .filter((c) => !key.includes(c.databaseName))
    .map((c) => `"${c.databaseName}" = excluded."${c.databaseName}"`);
  return ` ON CONFLICT (${key.map((k) => `"${k}"`).join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
}

function toParameter(value: unknown, type: unknown, engine: 'sqlite' | 'postgres'): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'simple-json') return JSON.stringify(value);
  if (typeof value === 'boolean' && engine === 'sqlite') return value ? 1 : 0;
  return value;
}

/** Every row of a table, selected column by column as raw values: no entity is built. */
export async function selectColumns<Row extends Record<string, unknown>>(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  properties: (keyof Row & string)[],
): Promise<Row[]> {
  const metadata = manager.connection.getMetadata(entity);
  const list = properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return `"${column.databaseName}" AS "${property}"`;
  });
  return (await manager.query(`SELECT ${list.join(', ')} FROM "${metadata.tableName}"`)) as Row[];
}
