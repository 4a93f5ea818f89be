import {
  type Bundle,
  type BundlePart,
  entityPart,
  partOf,
  sharedBundles,
} from '../../../lib/bundle';
import { MAX_FACT_KEYS } from '../../../lib/person-facts';
import { Consent } from '../consent/consent.entity';
import type { VcsContext } from '../context';
import { Employer } from '../employer/employer.entity';
import { Engagement } from '../engagement/engagement.entity';
import { CharityService } from '../organisation/charity-service.entity';
import { Organisation } from '../organisation/organisation.entity';
import { SupportOutcome } from '../outcome/support-outcome.entity';
import type { ReadinessRow } from '../readiness/readiness.loaders';
import { Referral } from '../referral/referral.entity';
import { SupportRecord } from './support-record.entity';

type Recorded = Extract<ReadinessRow, { origin: 'RECORDED' }>;

const OF_REFERRALS = 'FROM referral r JOIN charity_service s ON s.id = r.service_id';

/**
 * Everything a support record's joined view and its facts read: the record, its organisation,
 * its referrals with each service and the organisation running it, its engagements, outcomes
 * with their employers, consents, and the latest recording of each readiness item.
 */
const byRecord = (table: string, alias: string) => ({
  alias,
  from: `FROM ${table} ${alias} WHERE ${alias}.support_record_id IN :keys`,
  owner: `${alias}.support_record_id`,
});

const SUPPORT_RECORD_PARTS: BundlePart[] = [
  entityPart('record', SupportRecord, {
    alias: 'sr',
    from: 'FROM support_record sr WHERE sr.id IN :keys',
    owner: 'sr.id',
  }),
  entityPart('organisation', Organisation, {
    alias: 'o',
    from: 'FROM support_record sr JOIN organisation o ON o.id = sr.organisation_id WHERE sr.id IN :keys',
    owner: 'sr.id',
  }),
  entityPart('referral', Referral, byRecord('referral', 'r')),
  entityPart('service', CharityService, {
    alias: 's',
    from: `${OF_REFERRALS} WHERE r.support_record_id IN :keys`,
    owner: 'r.support_record_id',
  }),
  entityPart('serviceOrganisation', Organisation, {
    alias: 'o',
    from: `${OF_REFERRALS} JOIN organisation o ON o.id = s.organisation_id WHERE r.support_record_id IN :keys`,
    owner: 'r.support_record_id',
  }),
  entityPart('engagement', Engagement, byRecord('engagement', 'e')),
  entityPart('outcome', SupportOutcome, byRecord('support_outcome', 'so')),
  entityPart('employer', Employer, {
    alias: 'em',
    from: 'FROM support_outcome so JOIN employer em ON em.id = so.employer_id WHERE so.support_record_id IN :keys',
    owner: 'so.support_record_id',
  }),
  entityPart('consent', Consent, byRecord('consent', 'c')),
  {
    name: 'readiness',
    // The latest recording of each item; ties in time broken by the time-ordered id.
    from: `FROM (SELECT rr.*, ROW_NUMBER() OVER (PARTITION BY rr.support_record_id, rr.item
          ORDER BY rr.recorded_at DESC, rr.id DESC) AS newest
        FROM readiness_record rr WHERE rr.support_record_id IN :keys) latest
        WHERE latest.newest = 1`,
    owner: 'latest.support_record_id',
    columns: {
      supportRecordId: 'latest.support_record_id',
      item: 'latest.item',
      status: 'latest.status',
      recordedBy: 'latest.recorded_by',
      recordedAt: 'latest.recorded_at',
      note: 'latest.note',
    },
  },
];

/** The support record bundles shared by every call of one gateway request, keyed by record id. */
export const supportRecordBundles = sharedBundles(SUPPORT_RECORD_PARTS, MAX_FACT_KEYS);

/** One support record and the rows belonging to it, as its loaders give them. */
export interface SupportRecordRows {
  record: SupportRecord;
  /** The record's own organisation and those running the services it was referred to. */
  organisations: Organisation[];
  referrals: Referral[];
  services: CharityService[];
  engagements: Engagement[];
  outcomes: SupportOutcome[];
  employers: Employer[];
  consents: Consent[];
  /** The latest recording of each readiness item. */
  recorded: Recorded[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Fresh entities of `part`'s rows, once each, oldest first by `date` (then id) if given. */
function rowsOf<T extends { id: string }>(
  bundle: Bundle,
  entity: new () => T,
  part: string,
  date?: keyof T,
): T[] {
  const unique = new Map(
    partOf<T>(bundle, part).map((row) => [row.id, Object.assign(new entity(), row)]),
  );
  const rows = [...unique.values()];
  return date
    ? rows.sort((a, b) => compare(String(a[date]), String(b[date])) || compare(a.id, b.id))
    : rows;
}

/** The rows of a bundle, or null when it holds no support record (none has that id). */
export function supportRecordRows(bundle: Bundle): SupportRecordRows | null {
  const [record] = rowsOf(bundle, SupportRecord, 'record');
  if (!record) return null;
  return {
    record,
    organisations: rowsOf(bundle, Organisation, 'organisation').concat(
      rowsOf(bundle, Organisation, 'serviceOrganisation'),
    ),
    referrals: rowsOf(bundle, Referral, 'referral', 'referredOn'),
    services: rowsOf(bundle, CharityService, 'service'),
    engagements: rowsOf(bundle, Engagement, 'engagement', 'date'),
    outcomes: rowsOf(bundle, SupportOutcome, 'outcome', 'date'),
    employers: rowsOf(bundle, Employer, 'employer'),
    consents: rowsOf(bundle, Consent, 'consent', 'givenOn'),
    recorded: partOf<Omit<Recorded, 'origin'>>(bundle, 'readiness').map((row) => ({
      origin: 'RECORDED',
      ...row,
    })),
  };
}

/** What `SupportRecord.readiness` is made from: the latest recordings, then the referrals. */
export function readinessRowsOf(rows: SupportRecordRows): ReadinessRow[] {
  return [
    ...rows.recorded,
    ...rows.referrals.map((referral): ReadinessRow => ({
      origin: 'REFERRAL',
      supportRecordId: referral.supportRecordId,
      status: referral.status,
      referredOn: referral.referredOn,
      acceptedOn: referral.acceptedOn,
    })),
  ];
}

/** Primes the request's loaders with one record's rows, so its field resolvers send no SQL. */
function prime(loaders: VcsContext['loaders'], rows: SupportRecordRows): void {
  const { id } = rows.record;
  loaders.supportRecordById.prime(id, rows.record);
  for (const organisation of rows.organisations)
    loaders.organisationById.prime(organisation.id, organisation);
  loaders.referralsBySupportRecord.prime(id, rows.referrals);
  for (const service of rows.services) loaders.serviceById.prime(service.id, service);
  loaders.engagementsBySupportRecord.prime(id, rows.engagements);
  loaders.outcomesBySupportRecord.prime(id, rows.outcomes);
  for (const employer of rows.employers) loaders.employerById.prime(employer.id, employer);
  loaders.consentsBySupportRecord.prime(id, rows.consents);
  loaders.readinessRowsBySupportRecord.prime(id, readinessRowsOf(rows));
}

/** A support record from its bundle, with the request's loaders primed for all it holds. */
export async function supportRecordFromBundle(
  context: VcsContext,
  id: string,
): Promise<SupportRecord | null> {
  const rows = supportRecordRows(await context.bundles.load(id));
  if (rows) prime(context.loaders, rows);
  return rows?.record ?? null;
}

/** The rows of each of `ids` that exists, from the request's bundles. */
export async function supportRecordsFromBundles(
  context: VcsContext,
  ids: readonly string[],
): Promise<SupportRecordRows[]> {
  const bundles = await Promise.all(ids.map((id) => context.bundles.load(id)));
  return bundles.flatMap((bundle) => supportRecordRows(bundle) ?? []);
}
