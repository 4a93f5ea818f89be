import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RecordKind, permits, scopeUnavailable } from '../../../lib/access/scope';
import { ErrorCode, hubError } from '../../../lib/errors';
import { pageOfSorted, sortByPlace, checkPageSize } from '../../../lib/pagination';
import type { IdentityContext } from '../context';
import type { RecordOwner } from '../access-scope/scope-lookup';
import { LinkedRecordKind } from '../person/person-link.entity';
import { primePeople } from '../person/person.bundle';
import type { Person } from '../person/person.entity';
import { type CustodyRelease, Controller } from '../person-view/controller-facts';
import { personReadiness } from '../readiness/work-readiness.resolver';
import { latestRelease, releaseWithin12Weeks, todayIso } from '../readiness/work-readiness';
import {
  type CaseloadRow,
  caseloadRow,
  fitsReleaseWindow,
  placeIn,
  referralPerPerson,
} from './caseload';
import {
  CaseloadArgs,
  CaseloadEntry,
  CaseloadRelease,
  CaseloadEntryConnection,
  type CaseloadFilter,
  type ReferralStatus,
  type ServiceKind,
} from './caseload.type';

@Resolver()
export class CaseloadResolver {
  @Query(() => CaseloadEntryConnection, {
    description:
      "The people with an open (pending or active) referral to the caller's organisation who " +
      'have not withdrawn consent, nearest to release first unless told otherwise.',
  })
  async myCaseload(
    @Args(() => CaseloadArgs) args: CaseloadArgs,
    @Ctx() context: IdentityContext,
  ): Promise<CaseloadEntryConnection> {
    checkPageSize(args.first);
    const filter = args.filter ?? {};
    const rows = await caseloadRows(context, filter);
    const place = placeIn(args.order);
    const page = pageOfSorted(sortByPlace(rows, place), args, place);
    const ids = page.edges.map((edge) => edge.node.personId);
    await primePeople(context, ids);
    const people = await context.loaders.personById.loadMany(ids);
    const edges = page.edges.map(({ cursor, node }, i) => ({
      cursor,
      node: entry(node, people[i] as Person),
    }));
    return Object.assign(new CaseloadEntryConnection(), {
      edges,
      pageInfo: page.pageInfo,
      totalCount: rows.length,
    });
  }
}

/** Every person of the caller's caseload that fits the filter, unsorted. */
async function caseloadRows(context: IdentityContext, filter: CaseloadFilter) {
  const referrals = await context.facts
    .caseloadReferrals(context.request.caller.organisation)
    .catch(() => {
      throw scopeUnavailable();
    });
  const owners = await recordOwners(context, referrals);
  const scope = (await context.scopes())[RecordKind.PERSON];
  const personOf = new Map<string, string>();
  const prisonNumbers = new Map<string, string[]>();
  for (const { personId, recordKind, recordId } of owners) {
    if (recordKind === LinkedRecordKind.VCS_SUPPORT_RECORD && permits(scope, personId)) {
      personOf.set(recordId, personId);
    }
    if (recordKind === LinkedRecordKind.MOJ_PRISONER) {
      prisonNumbers.set(personId, [...(prisonNumbers.get(personId) ?? []), recordId]);
    }
  }
  const chosen = referralPerPerson(referrals, personOf, filter);
  const releases = await releasesOf(context, [...chosen.keys()], prisonNumbers);
  const today = todayIso();
  let rows = [...chosen].map(([personId, referral]) => {
    const { latest, unavailable } = releases(personId);
    return { ...caseloadRow(personId, referral, latest, today), releaseUnavailable: unavailable };
  });
  const usesRelease = filter.releaseFrom || filter.releaseTo || filter.releaseWithin12Weeks != null;
  if (usesRelease && rows.some((row) => row.releaseUnavailable)) throw releasesUnavailable();
  rows = rows.filter((row) => fitsReleaseWindow(row, filter));
  if (filter.releaseWithin12Weeks != null) {
    rows = rows.filter(
      (row) =>
        releaseWithin12Weeks(row.release ?? undefined, today) === filter.releaseWithin12Weeks,
    );
  }
  if (filter.readiness) {
    const statuses = await Promise.all(
      rows.map((row) => personReadiness(row.personId, context).then((r) => r.overall?.status)),
    );
    rows = rows.filter((_row, i) => statuses[i] === filter.readiness);
  }
  return rows;
}

/**
 * Each person's latest custody, asked of moj for the whole caseload in one batch; a person with
 * prison records moj could not answer for is marked unavailable, not shown as never in custody.
 */
async function releasesOf(
  context: IdentityContext,
  people: string[],
  prisonNumbers: ReadonlyMap<string, string[]>,
) {
  const numbers = people.flatMap((personId) => prisonNumbers.get(personId) ?? []);
  const answers = await context.facts.custodyRelease.loadMany(numbers);
  const failed = answers.some((answer) => answer instanceof Error);
  const byNumber = new Map(numbers.map((number, i) => [number, answers[i] as CustodyRelease[]]));
  return (personId: string) => {
    const held = prisonNumbers.get(personId) ?? [];
    if (failed && held.length) return { latest: undefined, unavailable: true };
    return {
      latest: latestRelease(held.flatMap((n) => byNumber.get(n) ?? [])),
      unavailable: false,
    };
  };
}

/**
 * Whose each record of the caseload's people is. The scope lookup has already read them for a
 * coordinator; without it (a service started without identity's scope), from the loaders.
 */
async function recordOwners(
  context: IdentityContext,
  referrals: readonly { supportRecordId: string }[],
): Promise<RecordOwner[]> {
  const lent = await context.caseloadOwners();
  if (lent) return lent;
  const ids = [...new Set(referrals.map((r) => r.supportRecordId))];
  const loader = context.loaders.personIdByRecord[LinkedRecordKind.VCS_SUPPORT_RECORD];
  const links = await loader.loadMany(ids);
  const people = links.flatMap((link) => (link && !(link instanceof Error) ? [link.personId] : []));
  const held = await context.loaders.linksByPersonId.loadMany([...new Set(people)]);
  return held.flatMap((each) => (each instanceof Error ? [] : each));
}

const releasesUnavailable = () =>
  hubError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    'Release dates come from MOJ, which could not answer just now: try again shortly, or ' +
      'leave out the release filters.',
    { services: [Controller.MOJ] },
  );

function entry(row: CaseloadRow & { releaseUnavailable: boolean }, person: Person): CaseloadEntry {
  const { referral, release } = row;
  return {
    releaseUnavailable: row.releaseUnavailable,
    person,
    referral: {
      id: referral.referralId,
      supportRecordId: referral.supportRecordId,
      service: referral.serviceKind as ServiceKind,
      serviceName: referral.serviceName,
      status: referral.status as ReferralStatus,
      referredOn: referral.referredOn,
    },
    releaseFacts: release && {
      date: row.releaseDate,
      expected: !release.releaseDate,
      releaseType: release.releaseType,
      establishment: release.establishmentName,
    },
    daysSinceRelease: row.daysSinceRelease,
  };
}

@Resolver(() => CaseloadEntry)
export class CaseloadEntryResolver {
  @FieldResolver(() => CaseloadRelease, {
    nullable: true,
    description: 'Null if never in custody; null with an error if MOJ could not answer.',
  })
  release(@Root() entry: CaseloadEntry): CaseloadRelease | null {
    if (entry.releaseUnavailable) throw releasesUnavailable();
    return entry.releaseFacts;
  }
}
