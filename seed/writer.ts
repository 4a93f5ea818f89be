import type { DataSource, EntityMetadata, QueryRunner } from 'typeorm';
import type { TableRows } from './records/rows';

const MAX_PARAMETERS = { sqlite: 30_000, postgres: 60_000 };
const MAX_ROWS_PER_STATEMENT = 500;

/** Raised when a database already holds data and the run was not asked to replace it. */
export class NotEmptyError extends Error {}

/**
 * Writes one controller's rows inside a single transaction, as parameterised multi-row INSERTs
 * built from the entities' own column metadata: the same code for SQLite and PostgreSQL.
 */
interface SqliteConnection {
  prepare(sql: string): { run(parameters: unknown[]): unknown };
}

export class ControllerWriter {
  private runner?: QueryRunner;
  private readonly engine: 'sqlite' | 'postgres';
  /** Prepared full-size INSERTs, reused batch after batch. */
  private readonly prepared = new Map<string, ReturnType<SqliteConnection['prepare']>>();
  private deferredIndexes: string[] = [];

  constructor(
    readonly name: string,
    private readonly database: DataSource,
    /** Entity names, parents before children. */
    private readonly entityOrder: readonly string[],
  ) {
    this.engine = database.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Opens the transaction; empties the tables first when `reset`, else requires them empty. */
  async begin(reset: boolean): Promise<'empty' | 'has data'> {
    this.runner = this.database.createQueryRunner();
    await this.runner.connect();
    if (this.engine === 'sqlite') {
      // A bulk load of generated, consistent rows: checked by the seed's integrity test instead.
      await this.runner.query('PRAGMA foreign_keys = OFF');
      await this.runner.query('PRAGMA cache_size = -16384');
      // A fresh load writes new pages, which a rollback journal need not copy; WAL writes twice.
      await this.runner.query('PRAGMA journal_mode = DELETE');
    }
    await this.runner.startTransaction();
    const tables = this.entityOrder.map((entity) => this.table(entity));
    if (reset) {
      for (const table of [...tables].reverse()) await this.runner.query(`DELETE FROM "${table}"`);
    } else {
      for (const table of tables) {
        if ((await this.runner.query(`SELECT 1 FROM "${table}" LIMIT 1`)).length) return 'has data';
      }
    }
    await this.deferIndexes(tables);
    return 'empty';
  }

  /**
   * Inserting random keys into a growing index costs more than building it once at the end:
   * SQLite's secondary indexes are dropped here and made again in the same transaction.
   */
  private async deferIndexes(tables: string[]): Promise<void> {
    if (this.engine !== 'sqlite' || !this.runner) return;
    const indexes: { name: string; sql: string }[] = await this.runner.query(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ` +
        `AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
      tables,
    );
    for (const index of indexes) await this.runner.query(`DROP INDEX "${index.name}"`);
    this.deferredIndexes = indexes.map((index) => index.sql);
  }

  async write(rows: TableRows): Promise<void> {
    for (const entity of this.entityOrder) {
      if (rows[entity]?.length) await this.insert(this.database.getMetadata(entity), rows[entity]);
    }
  }

  async commit(): Promise<void> {
    for (const sql of this.deferredIndexes) await this.runner?.query(sql);
    await this.runner?.commitTransaction();
    await this.release();
  }

  async rollback(): Promise<void> {
    if (this.runner?.isTransactionActive) await this.runner.rollbackTransaction();
    await this.release();
  }

  private async release(): Promise<void> {
    if (this.engine === 'sqlite') {
      await this.runner?.query('PRAGMA journal_mode = WAL');
      await this.runner?.query('PRAGMA foreign_keys = ON');
    }
    await this.runner?.release();
    this.runner = undefined;
  }

  private table(entity: string): string {
    return this.database.getMetadata(entity).tableName;
  }

  private async insert(metadata: EntityMetadata, rows: Record<string, unknown>[]): Promise<void> {
    const columns = metadata.columns.filter(
      (c) => !(c.isGenerated && rows[0][c.propertyName] === undefined),
    );
    const perStatement = Math.min(
      MAX_ROWS_PER_STATEMENT,
      Math.floor(MAX_PARAMETERS[this.engine] / columns.length),
    );
    const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const values: unknown[] = [];
      const tuples = chunk.map((row) => {
        const placeholders = columns.map((column) => {
          values.push(this.toParameter(row[column.propertyName]));
          return this.engine === 'postgres' ? `$${values.length}` : '?';
        });
        return `(${placeholders.join(', ')})`;
      });
      const sql = `INSERT INTO "${metadata.tableName}" (${names}) VALUES ${tuples.join(', ')}`;
      await this.execute(sql, values, chunk.length === perStatement);
    }
  }

  /** Only full-size statements repeat; caching every odd-sized remainder would grow without end. */
  private async execute(sql: string, values: unknown[], reusable: boolean): Promise<void> {
    if (this.engine === 'postgres') {
      await this.runner?.query(sql, values);
      return;
    }
    // better-sqlite3 has one connection, so this runs inside the runner's transaction.
    const connection = (this.database.driver as unknown as { databaseConnection: SqliteConnection })
      .databaseConnection;
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      if (reusable) this.prepared.set(sql, statement);
    }
    statement.run(values);
  }

  private toParameter(value: unknown): unknown {
    if (value === undefined) return null;
    if (typeof value === 'boolean' && this.engine === 'sqlite') return value ? 1 : 0;
    return value;
  }
}
