import { type ClassType, Directive, Field, ArgsType, Int, ObjectType } from 'type-graphql';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './errors';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many to return, 1 to ${MAX_PAGE_SIZE}.` })
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'Return what comes after this cursor.' })
  after?: string | null;
}

// Every subgraph defines the same PageInfo, so Federation needs it marked shareable.
@Directive('@shareable')
@ObjectType({ description: 'Where this page sits in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** `XConnection` and `XEdge` GraphQL types for one node type: `class XConnection extends ConnectionType(X)`. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>) {
  @ObjectType(`${nodeType.name}Edge`)
  class EdgeType implements Edge<T> {
    @Field(() => String)
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  // Emitted only through a concrete subclass, which names the type.
  @ObjectType()
  abstract class ConnectionClass implements Connection<T> {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

/** The order a list is paged in: one column, then the primary key to break ties. */
export interface PageOrder<T> {
  /** Entity property names, e.g. `claimDate` and `id`. */
  column: keyof T & string;
  key: keyof T & string;
}

/** An opaque cursor holding a row's place in its list's order. */
function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The two values an `encodeCursor` cursor holds; BAD_USER_INPUT for anything else. */
export function decodeCursor(cursor: string): [unknown, unknown] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 2) return values as [unknown, unknown];
  } catch {
    // falls through to the error below
  }
  throw badUserInput('after', BAD_CURSOR);
}

const BAD_CURSOR = 'after must be an endCursor from an earlier page of this list.';

/**
 * A cursor is opaque but not trusted: each value it holds must be one its column could hold, or
 * the database, not the hub, would be the one to refuse it.
 */
function checkCursorValue<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  property: string,
  value: unknown,
): void {
  const type = String(
    query.expressionMap.mainAlias?.metadata.findColumnWithPropertyName(property)?.type ?? '',
  );
  const numeric = /int|float|double|decimal|numeric|real/i.test(type) || type === 'Number';
  const fits = numeric
    ? typeof value === 'number' && Number.isFinite(value)
    : typeof value === 'string' &&
      value.length <= 64 &&
      !value.includes('\u0000') &&
      (type !== 'date' || isCalendarDate(value));
  if (!fits) throw badUserInput('after', BAD_CURSOR);
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The cursor that points just past `row`. */
export function cursorOf<T extends ObjectLiteral>(row: T, order: PageOrder<T>): string {
  return encodeCursor([row[order.column], row[order.key]]);
}

/**
 * The `first` rows of `query` in (column, key) order that come after `after` (a decoded cursor),
 * in one SQL statement, stable under inserts. The query's alias must be its entity's, and
 * `order.column` must never be null.
 */
export async function keysetPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  first: number,
  after: [unknown, unknown] | null,
  order: PageOrder<T>,
): Promise<{ rows: T[]; hasNextPage: boolean }> {
  const alias = query.alias;
  const column = `${alias}.${order.column}`;
  const key = `${alias}.${order.key}`;
  if (after) {
    const [value, id] = after;
    checkCursorValue(query, order.column, value);
    checkCursorValue(query, order.key, id);
    query.andWhere(
      new Brackets((later) => {
        later
          .where(`${column} > :afterValue`, { afterValue: value })
          .orWhere(
            new Brackets((tie) =>
              tie.where(`${column} = :afterValue`).andWhere(`${key} > :afterKey`, { afterKey: id }),
            ),
          );
      }),
    );
  }
  const rows = await query
    .orderBy(column, 'ASC')
    .addOrderBy(key, 'ASC')
    .take(first + 1)
    .getMany();
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
}

/** Keyset pagination over a filtered query, as a Relay connection: one SQL statement per page. */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: PageArgs,
  order: PageOrder<T>,
): Promise<Connection<T>> {
  checkPageSize(page.first);
  const after = page.after ? decodeCursor(page.after) : null;
  const { rows, hasNextPage } = await keysetPage(query, page.first, after, order);
  const edges = rows.map((node) => ({ node, cursor: cursorOf(node, order) }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `first must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
}

/** Where a row sits in a list sorted in memory: a value, then a key unique in the list. */
export type Place = [string | number, string];

const comparePlaces = ([a, x]: Place, [b, y]: Place): number => {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  if (a !== b) return a < b ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Keyset pagination over a list put together in memory and sorted by `place`: the `first` rows
 * after the cursor `after`, stable when rows come and go between pages.
 */
export function pageOfSorted<T>(
  rows: readonly T[],
  page: { first: number; after?: string | null },
  place: (row: T) => Place,
): Connection<T> {
  checkPageSize(page.first);
  let start = 0;
  if (page.after) {
    const [value, key] = decodeCursor(page.after);
    const valid =
      (typeof value === 'string' || typeof value === 'number') && typeof key === 'string';
    if (!valid) throw badUserInput('after', BAD_CURSOR);
    const index = rows.findIndex((row) => comparePlaces(place(row), [value, key]) > 0);
    start = index < 0 ? rows.length : index;
  }
  const edges = rows
    .slice(start, start + page.first)
    .map((node) => ({ node, cursor: encodeCursor(place(node)) }));
  const hasNextPage = start + page.first < rows.length;
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** Sorts `rows` in place by `place`, the order pageOfSorted pages them in. */
export const sortByPlace = <T>(rows: T[], place: (row: T) => Place): T[] =>
  rows.sort((a, b) => comparePlaces(place(a), place(b)));
