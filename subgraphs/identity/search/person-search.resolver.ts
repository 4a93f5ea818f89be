import { Arg, Args, Ctx, Field, Float, ObjectType, Query, Resolver } from 'type-graphql';
import { badUserInput } from '../../../lib/errors';
import { ConnectionType, MAX_PAGE_SIZE, PageArgs, decodeCursor } from '../../../lib/pagination';
import type { IdentityContext } from '../context';
import { LinkIndex, type SearchHit } from '../linking/incremental';
import { loadAssignment, loadSourceRecords, readState } from '../linking/linkage-store';
import { DEFAULT_THRESHOLDS } from '../linking/linker';
import type { ModelParameters } from '../linking/model';
import { MatchReasonType } from '../person/match-explanation.type';
import { Person } from '../person/person.entity';
import { PersonSearch, parsePersonSearch } from './person-search.input';

/** Below this a hit is noise, unless an identifier the search gave matched exactly. */
export const MIN_PROBABILITY = 0.01;

@ObjectType({ description: 'One person a search found, and how well they fit it.' })
export class PersonSearchResult {
  @Field(() => Person)
  person!: Person;

  @Field(() => Float, {
    description: "Match weight in bits of the person's record that fits the search best.",
  })
  score!: number;

  @Field(() => Float, { description: 'How likely that record is the person searched for.' })
  matchProbability!: number;

  @Field(() => String, { description: 'That record, as `source:id` (e.g. `dwp:AB123456C`).' })
  matchedRecord!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Set when an identifier decided: it agreed and nothing disagreed.',
  })
  rule!: string | null;

  @Field(() => [MatchReasonType], { description: 'Each field the search gave, and its part.' })
  reasons!: MatchReasonType[];
}

@ObjectType()
export class PersonSearchConnection extends ConnectionType(PersonSearchResult) {}

@Resolver()
export class PersonSearchResolver {
  @Query(() => PersonSearchConnection, {
    description:
      'People who fit a search, best first: typo-tolerant, scored by the record linker. ' +
      'Results are ranked afresh for each page.',
  })
  async people(
    @Arg('search', () => PersonSearch) search: PersonSearch,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: IdentityContext,
  ): Promise<PersonSearchConnection> {
    if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
      throw badUserInput('first', `first must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
    }
    const parsed = parsePersonSearch(search);
    const start = page.after ? offsetOf(page.after, parsed.fingerprint) : 0;
    const index = await searchIndex(context);
    const hits = (index?.search(parsed.features, parsed.crn) ?? []).filter(
      (hit) => hit.identifierMatched || hit.explanation.probability >= MIN_PROBABILITY,
    );
    const ranked = hits.slice(start, start + page.first);
    const people = await Promise.all(
      ranked.map((hit) => context.loaders.personById.load(hit.personId)),
    );
    const edges = ranked.flatMap((hit, i) => {
      const person = people[i];
      // A person merged or removed since the index last heard: skipped, the ranks stay.
      if (!person) return [];
      return [{ cursor: cursorAt(parsed.fingerprint, start + i + 1), node: result(person, hit) }];
    });
    return {
      edges,
      pageInfo: {
        hasNextPage: start + page.first < hits.length,
        endCursor: ranked.length ? cursorAt(parsed.fingerprint, start + ranked.length) : null,
      },
    };
  }
}

function result(person: Person, hit: SearchHit): PersonSearchResult {
  return {
    person,
    score: hit.explanation.matchWeight,
    matchProbability: hit.explanation.probability,
    matchedRecord: hit.record,
    rule: hit.explanation.rule,
    reasons: hit.explanation.reasons,
  };
}

/** A cursor: how many results come before the next, and which search it belongs to. */
function cursorAt(fingerprint: string, offset: number): string {
  return Buffer.from(JSON.stringify([fingerprint, offset])).toString('base64url');
}

function offsetOf(cursor: string, fingerprint: string): number {
  const [from, offset] = decodeCursor(cursor);
  if (from !== fingerprint || !Number.isInteger(offset) || (offset as number) < 0) {
    throw badUserInput('after', 'after must be an endCursor from an earlier page of this search.');
  }
  return offset as number;
}

/**
 * The running service's in-memory index; without one (tests serving the schema alone), one
 * built from the database for this request. Null until a full run has learnt a model.
 */
async function searchIndex(context: IdentityContext): Promise<LinkIndex | null> {
  if (context.linkage) return context.linkage.searchIndex();
  const parameters = await readState<ModelParameters>(context.database, 'model');
  if (!parameters) return null;
  const [records, assignment] = await Promise.all([
    loadSourceRecords(context.database),
    loadAssignment(context.database),
  ]);
  return new LinkIndex(parameters, records, assignment, DEFAULT_THRESHOLDS);
}
