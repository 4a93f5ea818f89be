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

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string): [unknown, unknown] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 2) return values as [unknown, unknown];
  } catch {
    // falls through to the error below
  }
  throw badUserInput('after', 'after must be an endCursor from an earlier page of this list.');
}

/**
 * Keyset pagination over a filtered query: one SQL statement per page, stable under inserts.
 * The query's alias must be its entity's, and `order.column` must never be null.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: PageArgs,
  order: PageOrder<T>,
): Promise<Connection<T>> {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `first must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  const alias = query.alias;
  const column = `${alias}.${order.column}`;
  const key = `${alias}.${order.key}`;
  if (page.after) {
    const [value, id] = decodeCursor(page.after);
    query.andWhere(
      new Brackets((after) => {
        after
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
    .take(page.first + 1)
    .getMany();
  const pageRows = rows.slice(0, page.first);
  const edges = pageRows.map((node) => ({
    node,
    cursor: encodeCursor([node[order.column], node[order.key]]),
  }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
