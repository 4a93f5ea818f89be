import { Directive, Field, ObjectType } from 'type-graphql';
import { badUserInput } from './errors';

// What each controller tells the identity service about the records it holds, so that identity
// can put together one person's readiness for work, timeline and caseload row. Every controller
// defines the same types (so @shareable); none of it reaches the gateway's public API (so
// @inaccessible, on the types and on each root field that returns them). Values that are enums
// in a controller's own schema travel as strings: identity maps them to its own enums.

/** Most record keys one call may ask about: a caseload is read in slices of this size. */
export const MAX_FACT_KEYS = 5000;

/** The distinct keys a fact call asks about, in the order asked; too many is the caller's mistake. */
export function askedKeys(argument: string, keys: readonly string[]): string[] {
  if (keys.length > MAX_FACT_KEYS)
    throw badUserInput(argument, `Ask about at most ${MAX_FACT_KEYS} ${argument} at a time.`);
  return [...new Set(keys)];
}

@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType({
  description: 'Where one readiness-for-work item stands, as the controller holds it.',
})
export class ReadinessFact {
  @Field(() => String, { description: "The controller's record key: NINO, prison number, CRN…" })
  recordId!: string;

  @Field(() => String, { description: 'ID, BANK_ACCOUNT, CV, …; or RIGHT_TO_WORK, SUPPORT.' })
  item!: string;

  @Field(() => String, { description: 'NOT_STARTED, IN_PROGRESS or COMPLETED.' })
  status!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Which document, for ID; NONE or CONFIRMED for RIGHT_TO_WORK; DECLINED for SUPPORT.',
  })
  detail!: string | null;

  @Field(() => String, { nullable: true, description: 'Who recorded it (a user id).' })
  recordedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'When, ISO-8601.' })
  recordedAt!: string | null;
}

@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType({ description: 'One dated event in a record, for the merged timeline.' })
export class TimelineFact {
  @Field(() => String, { description: 'Unique within its controller, e.g. custody:1234:release.' })
  id!: string;

  @Field(() => String, { description: "The controller's record key: NINO, prison number, CRN…" })
  recordId!: string;

  @Field(() => String, { description: 'RECEPTION, RELEASE, UC_CLAIM, REFERRAL, JOB_START, …' })
  kind!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  date!: string;

  @Field(() => String, { description: 'One line a caseworker reads, with no free-text notes.' })
  summary!: string;
}
