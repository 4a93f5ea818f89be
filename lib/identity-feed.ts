import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './errors';
import { type PageOrder, cursorOf, decodeCursor, keysetPage } from './pagination';
import { DateScalar } from './scalars';

// The identity service pulls these straight from each domain subgraph to match records. Every
// domain subgraph defines the same types (so @shareable), and none of it may reach the
// gateway's public API (so @inaccessible, on the types and on each feed's root field).

export const FEED_PAGE_SIZE = 1000;
export const MAX_FEED_PAGE_SIZE = 5000;

@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType({ description: 'Another name (and perhaps date of birth) the person has used.' })
export class IdentityFeedName {
  @Field(() => String)
  givenName!: string;

  @Field(() => String)
  familyName!: string;

  @Field(() => DateScalar, { nullable: true })
  dateOfBirth!: string | null;
}

@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType({ description: 'What one source record says about who it is; null: not held.' })
export class IdentityFeedRecord {
  @Field(() => String, { description: "The record's key in its own source." })
  sourceId!: string;

  @Field(() => String)
  givenName!: string;

  @Field(() => String)
  familyName!: string;

  @Field(() => [IdentityFeedName])
  otherNames!: IdentityFeedName[];

  @Field(() => DateScalar, { nullable: true })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true })
  postcode!: string | null;

  @Field(() => String, { nullable: true })
  nino!: string | null;

  @Field(() => String, { nullable: true })
  prisonNumber!: string | null;

  @Field(() => String, { nullable: true })
  pncNumber!: string | null;

  @Field(() => String, { nullable: true })
  crn!: string | null;

  @Field(() => String, { description: 'When the record last changed, ISO-8601 UTC.' })
  updatedAt!: string;
}

@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType({ description: 'Records in (updatedAt, sourceId) order, a page at a time.' })
export class IdentityFeedPage {
  @Field(() => [IdentityFeedRecord])
  records!: IdentityFeedRecord[];

  @Field(() => String, {
    nullable: true,
    description:
      'Pass as `after` to pull what changes next. When nothing has changed, the cursor given; ' +
      'null only when the feed is empty.',
  })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

@ArgsType()
export class IdentityFeedArgs {
  @Field(() => String, {
    nullable: true,
    description: 'An endCursor from an earlier pull: return what changed after it.',
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: FEED_PAGE_SIZE,
    description: `How many to return, 1 to ${MAX_FEED_PAGE_SIZE}.`,
  })
  first?: number | null;
}

/** What a source does not hold is null; only prisoners have other names. */
export function feedRecord(
  record: Pick<
    IdentityFeedRecord,
    'sourceId' | 'givenName' | 'familyName' | 'dateOfBirth' | 'updatedAt'
  > &
    Partial<IdentityFeedRecord>,
): IdentityFeedRecord {
  return {
    otherNames: [],
    postcode: null,
    nino: null,
    prisonNumber: null,
    pncNumber: null,
    crn: null,
    ...record,
  };
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function feedCursor(after: string): [string, string] {
  const [updatedAt, key] = decodeCursor(after);
  if (typeof updatedAt === 'string' && ISO_UTC.test(updatedAt) && typeof key === 'string') {
    return [updatedAt, key];
  }
  throw badUserInput('after', 'after must be an endCursor from an earlier page of this list.');
}

/**
 * One page of an identity feed: rows of `query` in (updatedAt, key) order after the cursor, in
 * one SQL statement, turned into records by `toRecords` (which may add one statement for the
 * whole page, never one per row). A row that changes after a cursor was taken moves past it,
 * so the next pull from that cursor brings it again.
 */
export async function identityFeedPage<T extends ObjectLiteral & { updatedAt: string }>(
  query: SelectQueryBuilder<T>,
  key: keyof T & string,
  args: IdentityFeedArgs,
  toRecords: (rows: T[]) => IdentityFeedRecord[] | Promise<IdentityFeedRecord[]>,
): Promise<IdentityFeedPage> {
  const first = args.first ?? FEED_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_FEED_PAGE_SIZE) {
    throw badUserInput('first', `first must be a whole number from 1 to ${MAX_FEED_PAGE_SIZE}.`);
  }
  const after = args.after ? feedCursor(args.after) : null;
  const order: PageOrder<T> = { column: 'updatedAt', key };
  const { rows, hasNextPage } = await keysetPage(query, first, after, order);
  const last = rows.at(-1);
  return {
    records: rows.length ? await toRecords(rows) : [],
    endCursor: last ? cursorOf(last, order) : (args.after ?? null),
    hasNextPage,
  };
}
