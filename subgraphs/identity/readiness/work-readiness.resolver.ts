import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ErrorCode, hubError } from '../../../lib/errors';
import type { ReadinessFact } from '../../../lib/person-facts';
import type { IdentityContext } from '../context';
import { Person } from '../person/person.entity';
import { Controller, type CustodyRelease } from '../person-view/controller-facts';
import { askController, personRecords, unavailable } from '../person-view/person-records';
import {
  checklist,
  latestRelease,
  overallStatus,
  releaseWithin12Weeks,
  todayIso,
} from './work-readiness';
import { WorkReadiness, WorkReadinessStatus } from './work-readiness.type';

@Resolver(() => Person)
export class PersonReadinessResolver {
  @FieldResolver(() => WorkReadiness, {
    nullable: true,
    description:
      'Readiness for work: the checklist across DWP, the prison, probation and charities, the ' +
      'overall status and why, and whether release is near.',
  })
  readiness(@Root() person: Person, @Ctx() context: IdentityContext): Promise<WorkReadiness> {
    return personReadiness(person.id, context);
  }
}

/** One person's readiness, from every controller's facts; batched across a request's people. */
export async function personReadiness(
  personId: string,
  context: IdentityContext,
): Promise<WorkReadiness> {
  const records = await personRecords(personId, context);
  const { readiness, custodyRelease } = context.facts;
  // Asked together, so that every person of the request shares one call per question.
  const [releases, ...answers] = await Promise.all([
    askController<CustodyRelease>(custodyRelease, records.prisonNumbers, Controller.MOJ),
    askController<ReadinessFact>(readiness.dwp, records.ninos, Controller.DWP),
    askController<ReadinessFact>(readiness.moj, records.prisonNumbers, Controller.MOJ),
    askController<ReadinessFact>(readiness.probation, records.crns, Controller.MOJ),
    askController<ReadinessFact>(readiness.vcs, records.supportRecordIds, Controller.VCS),
  ]);
  const facts = answers.flatMap((answer) => answer.rows);
  const items = checklist(facts);
  const missing = unavailable([...answers, releases]);
  const release = latestRelease(releases.rows);
  return {
    items,
    overall: missing.length ? null : overallStatus(items, facts, records.supportRecordIds.length),
    releaseWithin12Weeks: releaseWithin12Weeks(release, todayIso()),
    releaseDate: release ? (release.releaseDate ?? release.expectedReleaseDate) : null,
    unavailableFrom: missing,
  };
}

@Resolver(() => WorkReadiness)
export class WorkReadinessResolver {
  @FieldResolver(() => WorkReadinessStatus, {
    nullable: true,
    description: 'Null, with an error, when a controller could not answer.',
  })
  status(@Root() readiness: WorkReadiness): WorkReadinessStatus {
    return overallOf(readiness).status;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Why: the rule that decided the status, or the essential items still to do.',
  })
  statusReason(@Root() readiness: WorkReadiness): string {
    return overallOf(readiness).reason;
  }
}

function overallOf(readiness: WorkReadiness) {
  if (readiness.overall) return readiness.overall;
  throw hubError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    `The overall status needs every controller; ${readiness.unavailableFrom.join(', ')} could ` +
      'not answer just now.',
    { services: readiness.unavailableFrom },
  );
}
