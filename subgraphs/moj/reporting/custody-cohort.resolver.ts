import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Directive,
  Field,
  Int,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { badUserInput } from '../../../lib/errors';
import { CohortCount, parseCohort } from '../../../lib/reporting/cohort';
import type { MojContext } from '../context';
import {
  type ReleaseFilter,
  custodyCohortCounts,
  releaseCohort,
  releasePeriod,
} from './custody-cohort';

@ArgsType()
class ReleaseCohortArgs implements ReleaseFilter {
  @Field(() => String, { description: 'First release date, YYYY-MM-DD.' })
  from!: string;

  @Field(() => String, { description: 'Last release date, YYYY-MM-DD.' })
  to!: string;

  @Field(() => String, { nullable: true, description: 'Establishment code.' })
  establishment?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  sex?: string | null;

  @Field(() => String, { nullable: true })
  releaseType?: string | null;

  @Field(() => String, { nullable: true })
  ageBand?: string | null;
}

@Directive('@inaccessible')
@ObjectType({ description: "For the reporting service: a cohort's releases, pseudonymous." })
class ReleaseCohort {
  @Field(() => Int)
  size!: number;

  @Field(() => String, {
    description:
      'JSON, one array per column (personKey, released, received, month, establishment, ' +
      'establishmentCode, region, sex, ageBand, releaseType): a cohort of a million releases as typed objects ' +
      'would cost seconds to write and read.',
  })
  columns!: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What MoJ gives a reporting cohort: who was released, and its own counts of them. */
@Resolver()
export class CustodyCohortResolver {
  @Directive('@inaccessible')
  @Query(() => ReleaseCohort, {
    description: 'For the reporting service: the releases in a period that fit the filter.',
  })
  async releaseCohort(
    @Args(() => ReleaseCohortArgs) filter: ReleaseCohortArgs,
    @Ctx() context: MojContext,
  ): Promise<ReleaseCohort> {
    if (!DAY.test(filter.from) || !DAY.test(filter.to)) {
      throw badUserInput('from', 'Give the period as two dates, YYYY-MM-DD.');
    }
    const columns = await releaseCohort(context.database, filter);
    return { size: columns.personKey.length, columns: JSON.stringify(columns) };
  }

  @Directive('@inaccessible')
  @Query(() => [CohortCount], {
    description:
      "For the reporting service: each cell's MoJ counts (releases, paid ROTL, employment).",
  })
  custodyCohortCounts(
    @Arg('cohort', () => String) cohort: string,
    @Ctx() context: MojContext,
  ): Promise<CohortCount[]> {
    return custodyCohortCounts(context.database, parseCohort(cohort));
  }

  @Directive('@inaccessible')
  @Query(() => [String], {
    description:
      'For the reporting service: the first and last release dates held (YYYY-MM-DD), or none.',
  })
  releasePeriod(@Ctx() context: MojContext): Promise<string[]> {
    return releasePeriod(context.database);
  }
}
