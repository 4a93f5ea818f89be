import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { COORDINATOR, SUBJECT_ACCESS } from '../../../lib/access/grants';
import { type Grant, isGranted } from '../../../lib/access/policy';
import { type Place, checkPageSize, pageOfSorted, sortByPlace } from '../../../lib/pagination';
import type { TimelineFact } from '../../../lib/person-facts';
import type { IdentityContext } from '../context';
import { Person } from '../person/person.entity';
import { Controller } from '../person-view/controller-facts';
import { askController, personRecords, unavailable } from '../person-view/person-records';
import {
  TimelineArgs,
  type TimelineEvent,
  TimelineEventConnection,
  TimelineEventKind,
} from './timeline.type';

/** A charity's casework, which vcs shows coordinators and subject access but not advisers. */
export const CHARITY_CASEWORK: Partial<Record<TimelineEventKind, readonly Grant[]>> = {
  [TimelineEventKind.ENGAGEMENT]: [COORDINATOR, SUBJECT_ACCESS],
  [TimelineEventKind.CONSENT_WITHDRAWN]: [COORDINATOR, SUBJECT_ACCESS],
};

const KINDS = new Set<string>(Object.values(TimelineEventKind));
const placeOf = (event: TimelineEvent): Place => [event.date, event.id];

@Resolver(() => Person)
export class PersonTimelineResolver {
  @FieldResolver(() => TimelineEventConnection, {
    nullable: true,
    description:
      'Everything dated that the controllers hold about them, oldest first: custody, ROTL, ' +
      'courses, release, benefit claims, Jobcentre appointments, referrals, engagements, jobs.',
  })
  async timeline(
    @Root() person: Person,
    @Args(() => TimelineArgs) args: TimelineArgs,
    @Ctx() context: IdentityContext,
  ): Promise<TimelineEventConnection> {
    checkPageSize(args.first);
    const records = await personRecords(person.id, context);
    const { timeline } = context.facts;
    const answers = await Promise.all([
      askController<TimelineFact>(timeline.dwp, records.ninos, Controller.DWP),
      askController<TimelineFact>(timeline.moj, records.prisonNumbers, Controller.MOJ),
      askController<TimelineFact>(timeline.vcs, records.supportRecordIds, Controller.VCS),
    ]);
    const wanted = args.kinds?.length ? new Set<string>(args.kinds) : KINDS;
    const events = answers
      .flatMap((answer) => answer.rows)
      .filter((fact) => wanted.has(fact.kind) && visible(fact.kind, context))
      .map(({ id, date, kind, source, summary }) => ({
        id: `${source}:${id}`,
        date,
        kind: kind as TimelineEventKind,
        source,
        summary,
      }));
    const page = pageOfSorted(sortByPlace(events, placeOf), args, placeOf);
    return Object.assign(new TimelineEventConnection(), page, {
      totalCount: events.length,
      unavailableFrom: unavailable(answers),
    });
  }
}

function visible(kind: string, context: IdentityContext): boolean {
  const grants = CHARITY_CASEWORK[kind as TimelineEventKind];
  return !grants || isGranted(context.request, grants);
}
