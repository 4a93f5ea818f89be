import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { Brackets, type EntityManager } from 'typeorm';
import { badUserInput } from '../../../lib/errors';
import { ConnectionType, MAX_PAGE_SIZE, PageArgs } from '../../../lib/pagination';
import type { IdentityContext } from '../context';
import { Person } from '../person/person.entity';
import { LinkReview, ReviewStatus } from './link-review.entity';
import { type Decider, decideReview, mergePeople, splitOff } from './steward-decisions';

@ObjectType()
export class LinkReviewConnection extends ConnectionType(LinkReview) {}

@ArgsType()
class ReviewQueueArgs extends PageArgs {
  @Field(() => ReviewStatus, { defaultValue: ReviewStatus.PENDING })
  status: ReviewStatus = ReviewStatus.PENDING;
}

const cursorOf = (review: LinkReview) =>
  Buffer.from(JSON.stringify([review.impact, review.id])).toString('base64url');

function decodeCursor(cursor: string): [number, string] {
  try {
    const [impact, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const wellFormed = typeof id === 'string' && id.length <= 36 && !id.includes('\u0000');
    if (Number.isInteger(impact) && wellFormed) return [impact, id];
  } catch {
    // the error below says what a cursor is
  }
  throw badUserInput('after', 'after must be an endCursor from an earlier page of this queue.');
}

function decider(context: IdentityContext, note: string | null | undefined): Decider {
  if (note && note.length > 500) throw badUserInput('note', 'note must be at most 500 characters.');
  return {
    decidedBy: context.request.caller.subject,
    note: note ?? null,
    now: new Date().toISOString(),
  };
}

@Resolver()
export class ReviewQueueResolver {
  @Query(() => LinkReviewConnection, {
    description: 'Links waiting for a data steward, those that change the most records first.',
  })
  async linkReviews(
    @Args(() => ReviewQueueArgs) { status, first, after }: ReviewQueueArgs,
    @Ctx() context: IdentityContext,
  ): Promise<LinkReviewConnection> {
    if (first < 1 || first > MAX_PAGE_SIZE)
      throw badUserInput('first', `first must be from 1 to ${MAX_PAGE_SIZE}.`);
    const query = context.database
      .getRepository(LinkReview)
      .createQueryBuilder('review')
      .where('review.status = :status', { status })
      .orderBy('review.impact', 'DESC')
      .addOrderBy('review.id', 'ASC')
      .take(first + 1);
    if (after) {
      const [impact, id] = decodeCursor(after);
      query.andWhere(
        new Brackets((where) =>
          where
            .where('review.impact < :impact', { impact })
            .orWhere('review.impact = :impact AND review.id > :id', { id }),
        ),
      );
    }
    const rows = await query.getMany();
    const page = rows.slice(0, first);
    return {
      edges: page.map((node) => ({ cursor: cursorOf(node), node })),
      pageInfo: {
        hasNextPage: rows.length > first,
        endCursor: page.length ? cursorOf(page[page.length - 1]) : null,
      },
    };
  }

  @Mutation(() => LinkReview, { description: 'The two records are the same person: link them.' })
  confirmLinkReview(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: IdentityContext,
  ): Promise<LinkReview> {
    return decide(context, (by, manager) => decideReview(manager, id, true, by), note);
  }

  @Mutation(() => LinkReview, {
    description: 'The two records are different people: keep them apart.',
  })
  rejectLinkReview(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: IdentityContext,
  ): Promise<LinkReview> {
    return decide(context, (by, manager) => decideReview(manager, id, false, by), note);
  }

  @Mutation(() => Person, {
    description:
      'These records (keys like dwp:AB123456C) are someone else: give them a new person.',
  })
  splitPerson(
    @Arg('personId', () => ID) personId: string,
    @Arg('recordKeys', () => [String]) recordKeys: string[],
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: IdentityContext,
  ): Promise<Person> {
    return decide(context, (by, manager) => splitOff(manager, personId, recordKeys, by), note);
  }

  @Mutation(() => Person, { description: 'Two people are one: the second joins the first.' })
  mergePeople(
    @Arg('personId', () => ID) personId: string,
    @Arg('otherPersonId', () => ID) otherPersonId: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: IdentityContext,
  ): Promise<Person> {
    return decide(
      context,
      (by, manager) => mergePeople(manager, personId, otherPersonId, by),
      note,
    );
  }
}

/** One decision, in one transaction; the in-memory index forgets what it knew. */
async function decide<T>(
  context: IdentityContext,
  work: (by: Decider, manager: EntityManager) => Promise<T>,
  note: string | null,
): Promise<T> {
  const by = decider(context, note);
  const result = await context.database.transaction((manager) => work(by, manager));
  context.linkage?.invalidate();
  return result;
}
