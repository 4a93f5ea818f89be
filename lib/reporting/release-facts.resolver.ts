import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Directive,
  Field,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  type ClassType,
} from 'type-graphql';
import type { DataSource } from 'typeorm';
import { badUserInput } from '../errors';
import { CohortCount } from './cohort';
import {
  FACT_GROUPS,
  type FactFilter,
  type FactGroup,
  type ReleaseMeasures,
  factCounts,
  parseSpine,
  pruneReleaseFacts,
  putReleaseFacts,
  summariseReleaseFacts,
} from './release-facts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

@ArgsType()
class FactFilterArgs implements FactFilter {
  @Field(() => Int)
  snapshot!: number;

  @Field(() => String, { description: 'First month of release, YYYY-MM.' })
  from!: string;

  @Field(() => String, { description: 'Last month of release, YYYY-MM.' })
  to!: string;

  @Field(() => String, { nullable: true })
  establishmentCode?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  sex?: string | null;

  @Field(() => String, { nullable: true })
  releaseType?: string | null;

  @Field(() => String, { nullable: true })
  ageBand?: string | null;

  @Field(() => [String], { description: `Any of ${FACT_GROUPS.join(', ')}.` })
  groupBy!: string[];
}

function checkFilter({ from, to, groupBy }: FactFilterArgs): FactGroup[] {
  if (!MONTH.test(from) || !MONTH.test(to)) {
    throw badUserInput('from', 'Give the period as two months, YYYY-MM.');
  }
  const unknown = groupBy.find((name) => !(FACT_GROUPS as readonly string[]).includes(name));
  if (unknown) throw badUserInput('groupBy', `Group by any of ${FACT_GROUPS.join(', ')}.`);
  return groupBy as FactGroup[];
}

@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType({ description: 'For the reporting service: one group of release facts, counted.' })
export class GroupCount extends CohortCount {
  @Field(() => [String], { description: "The group's values, in groupBy order." })
  group!: string[];
}

/**
 * Every controller has these three, @shareable so they compose and @inaccessible so only the
 * identity service reaches them: keep a snapshot's release facts (a snapshot arrives in slices),
 * drop older snapshots, and count a snapshot's facts per group.
 */
export function releaseFactsResolver(measures: ReleaseMeasures): ClassType {
  @Resolver()
  class ReleaseFactsResolver {
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Mutation(() => Int, {
      description:
        "For the reporting service: works out and keeps this controller's measures of each " +
        'release given (JSON, one array per column), for the snapshot; returns how many.',
    })
    putReleaseFacts(
      @Arg('snapshot', () => Int) snapshot: number,
      @Arg('releases', () => String) releases: string,
      @Ctx() context: { database: DataSource },
    ): Promise<number> {
      return putReleaseFacts(context.database, measures, snapshot, parseSpine(releases));
    }

    @Directive('@shareable')
    @Directive('@inaccessible')
    @Mutation(() => Int, {
      description:
        'For the reporting service: removes the release facts of every snapshot but those ' +
        'named; returns how many went.',
    })
    pruneReleaseFacts(
      @Arg('keep', () => [Int]) keep: number[],
      @Ctx() context: { database: DataSource },
    ): Promise<number> {
      return pruneReleaseFacts(context.database, keep);
    }

    @Directive('@shareable')
    @Directive('@inaccessible')
    @Mutation(() => Int, {
      description:
        "For the reporting service: sums a complete snapshot's release facts for reports to " +
        'read; returns how many rows that made.',
    })
    summariseReleaseFacts(
      @Arg('snapshot', () => Int) snapshot: number,
      @Ctx() context: { database: DataSource },
    ): Promise<number> {
      return summariseReleaseFacts(context.database, measures, snapshot);
    }

    @Directive('@shareable')
    @Directive('@inaccessible')
    @Query(() => [GroupCount], {
      description:
        "For the reporting service: this controller's counts of a snapshot's releases in the " +
        'months that fit the filter, per group and in total.',
    })
    releaseFactCounts(
      @Args(() => FactFilterArgs) filter: FactFilterArgs,
      @Ctx() context: { database: DataSource },
    ): Promise<GroupCount[]> {
      const groupBy = checkFilter(filter);
      return factCounts(context.database, measures, filter.snapshot, filter, groupBy);
    }
  }
  return ReleaseFactsResolver;
}
