import 'reflect-metadata';
import { type ExecutionResult, type GraphQLSchema, graphql } from 'graphql';
import type { DataSource, EntityTarget, ObjectLiteral, Logger as TypeOrmLogger } from 'typeorm';
import type { SubgraphSettings } from '../../lib/config';
import type { RequestContext } from '../../lib/auth/roles';
import { type ScopeLookup, unscopedLookup } from '../../lib/access/scope';
import { closeDatabase, openDatabase } from '../../lib/database';
import type { ContextServices } from '../../lib/subgraph-server';
import { SUBJECT_ACCESS_STEWARD } from './callers';

/** What a subgraph's folder provides: the same pieces its `index.ts` hands to `runSubgraph`. */
export interface SubgraphPieces {
  createDatabase: (settings: SubgraphSettings) => DataSource;
  buildSchema: () => Promise<GraphQLSchema>;
  createContext: (
    database: DataSource,
    request: RequestContext,
    services: ContextServices,
  ) => object;
}

/** Fixture rows: each entity with the rows to insert, in an order foreign keys accept. */
export type Rows = [EntityTarget<ObjectLiteral>, ObjectLiteral[]][];

class StatementLog implements TypeOrmLogger {
  statements: string[] = [];
  logQuery(query: string) {
    this.statements.push(query);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

export interface SubgraphUnderTest {
  database: DataSource;
  /**
   * Runs one operation against the real schema, with a fresh per-request context; as a steward
   * answering a subject-access request (who may read every field) unless told otherwise.
   */
  execute(
    source: string,
    variables?: Record<string, unknown>,
    request?: RequestContext,
  ): Promise<ExecutionResult>;
  /** The same subgraph, answering as `request` unless a call says otherwise. */
  as(request: RequestContext): SubgraphUnderTest;
  /** SELECT statements sent since the last call to `execute`. */
  selects(): string[];
  close(): Promise<void>;
}

/**
 * One subgraph's real schema and migrations on an in-memory SQLite database, holding `rows`.
 * Everyone is in scope unless `scope` says otherwise: scoping itself is tested through the hub.
 */
export async function openSubgraph(
  pieces: SubgraphPieces,
  rows: Rows,
  scope: ScopeLookup = unscopedLookup,
): Promise<SubgraphUnderTest> {
  const settings = { port: 0, url: 'http://unused', sqliteFile: ':memory:' };
  const database = await openDatabase(pieces.createDatabase(settings));
  for (const [entity, values] of rows) {
    if (values.length) await database.getRepository(entity).insert(values);
  }
  const log = new StatementLog();
  database.setOptions({ logger: log, logging: ['query'] });
  const schema = await pieces.buildSchema();
  const answering = (asked: RequestContext): SubgraphUnderTest => ({
    database,
    as: answering,
    execute: (source, variableValues, request = asked) => {
      log.statements = [];
      return graphql({
        schema,
        source,
        variableValues,
        contextValue: pieces.createContext(database, request, { scope }),
      });
    },
    selects: () => log.statements.filter((sql) => /^\s*SELECT/i.test(sql)),
    close: () => closeDatabase(database),
  });
  return answering(SUBJECT_ACCESS_STEWARD);
}

/** The SELECT statements since the last `execute` that read `table`. */
export function selectsFrom(subgraph: SubgraphUnderTest, table: string): string[] {
  return subgraph.selects().filter((sql) => sql.includes(`FROM "${table}"`));
}

interface Page<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Walks root list `field` page by page (`source` takes `$after` and selects `edges { node }` and
 * `pageInfo { hasNextPage endCursor }`), checking each page is one SELECT; returns every node.
 */
export async function allPageNodes<T>(
  subgraph: SubgraphUnderTest,
  source: string,
  field: string,
  variables: Record<string, unknown>,
): Promise<T[]> {
  const seen: T[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const result = await subgraph.execute(source, { ...variables, after });
    expect(result.errors).toBeUndefined();
    expect(subgraph.selects()).toHaveLength(1);
    const page = result.data?.[field] as Page<T>;
    seen.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
  throw new Error('never reached the last page');
}

/** `allPageNodes` for lists whose nodes have an `id`: the ids, in page order. */
export async function allPageIds(
  subgraph: SubgraphUnderTest,
  source: string,
  field: string,
  variables: Record<string, unknown>,
): Promise<string[]> {
  return (await allPageNodes<{ id: string }>(subgraph, source, field, variables)).map((n) => n.id);
}

/** A well-formed UUID for fixture row `n`, easy to read in a failing assertion. */
export function fixtureUuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export interface IdentityFeedPull<T> {
  records: T[];
  /** The endCursor of the last page: where the next pull starts. */
  endCursor: string | null;
  pages: number;
}

/**
 * Pulls identity feed `field` from `after` to its end in pages of `first`, selecting `selection`
 * on each record and checking each page costs `selectsPerPage` SELECTs; returns every record.
 */
export async function pullIdentityFeed<T>(
  subgraph: SubgraphUnderTest,
  field: string,
  selection: string,
  options: { first: number; after?: string | null; selectsPerPage?: number },
): Promise<IdentityFeedPull<T>> {
  const source = `query ($first: Int, $after: String) {
    ${field}(first: $first, after: $after) { records { ${selection} } endCursor hasNextPage } }`;
  const records: T[] = [];
  let after = options.after ?? null;
  for (let pages = 1; pages <= 100; pages++) {
    const result = await subgraph.execute(source, { first: options.first, after });
    expect(result.errors).toBeUndefined();
    expect(subgraph.selects()).toHaveLength(options.selectsPerPage ?? 1);
    const page = result.data?.[field] as {
      records: T[];
      endCursor: string | null;
      hasNextPage: boolean;
    };
    records.push(...page.records);
    after = page.endCursor;
    if (!page.hasNextPage) return { records, endCursor: after, pages };
  }
  throw new Error('never reached the end of the feed');
}

/** The `key` of each of `rows` in identity-feed order: by updatedAt, then key, as strings. */
export function inFeedOrder<T extends { updatedAt: string }>(rows: T[], key: keyof T): string[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows]
    .sort((a, b) => compare(a.updatedAt, b.updatedAt) || compare(String(a[key]), String(b[key])))
    .map((row) => String(row[key]));
}

/** A cursor of the identity feeds' shape holding `values`, for tests of cursors it never issued. */
export function forgedCursor(values: unknown): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}
