import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RecordKind, permits, scopeUnavailable } from '../../../lib/access/scope';
import { ErrorCode, hubError } from '../../../lib/errors';
import { pageOfSorted, sortByPlace, checkPageSize } from '../../../lib/pagination';
import type { IdentityContext } from '../context';
import { LinkedRecordKind, type PersonLink } from '../person/person-link.entity';
import type { Person } from '../person/person.entity';
import { type CustodyRelease, Controller } from '../person-view/controller-facts';
import { askController, personRecords } from '../person-view/person-records';
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
    const people = await context.loaders.personById.loadMany(
      page.edges.map((e) => e.node.personId),
    );
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
  await lendCaseloadLinks(context);
  const recordIds = [...new Set(referrals.map((r) => r.supportRecordId))];
  const links =
    await context.loaders.personIdByRecord[LinkedRecordKind.VCS_SUPPORT_RECORD].loadMany(recordIds);
  const scope = (await context.scopes())[RecordKind.PERSON];
  const personOf = new Map<string, string>();
  links.forEach((link, i) => {
    if (link && !(link instanceof Error) && permits(scope, link.personId)) {
      personOf.set(recordIds[i], link.personId);
    }
  });
  const chosen = referralPerPerson(referrals, personOf, filter);
  const today = todayIso();
  let rows = await Promise.all(
    [...chosen].map(async ([personId, referral]) => {
      const records = await personRecords(personId, context);
      const releases = await askController<CustodyRelease>(
        context.facts.custodyRelease,
        records.prisonNumbers,
        Controller.MOJ,
      );
      const row = caseloadRow(personId, referral, latestRelease(releases.rows), today);
      return { ...row, releaseUnavailable: releases.unavailable !== null };
    }),
  );
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
 * The scope lookup already read every link of everyone on the caseload: prime the loaders with
 * them, so the caseload's people and records are found with no further statement.
 */
async function lendCaseloadLinks(context: IdentityContext): Promise<void> {
  const links = await context.caseloadLinks();
  if (!links) return;
  const byPerson = new Map<string, PersonLink[]>();
  for (const link of links) {
    context.loaders.personIdByRecord[link.recordKind].prime(link.recordId, link);
    byPerson.set(link.personId, [...(byPerson.get(link.personId) ?? []), link]);
  }
  for (const [person, held] of byPerson) context.loaders.linksByPersonId.prime(person, held);
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
