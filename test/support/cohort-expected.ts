import type { DemoWorld } from '../../seed/demo';

// A cohort table worked out straight from the seed's rows, in plain TypeScript: the same
// definitions as the README's analysts' section, none of the hub's SQL. Who is whom comes from
// the caller: the people identity linked, or the seed's ground truth.

type Row = Record<string, unknown>;
const s = (value: unknown) => value as string;

export interface ExpectedCell {
  counts: Record<string, number>;
  medians: Record<string, { value: number | null; n: number }>;
}

export interface CohortQuestion {
  from: string;
  to: string;
  groupBy: string[];
  establishment?: string;
  sex?: string;
  service?: string;
  programme?: string;
  /** Split every group into those who had this service (WITH) and those who did not. */
  compare?: string;
}

interface Release {
  key: string;
  person: string;
  released: string;
  received: string;
  group: Record<string, string | null>;
  services: string[];
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const daysFrom = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function ageBand(born: string, on: string): string {
  const years =
    Number(on.slice(0, 4)) - Number(born.slice(0, 4)) - (on.slice(5) < born.slice(5) ? 1 : 0);
  if (years >= 50) return 'AGE_50_AND_OVER';
  if (years >= 40) return 'AGE_40_TO_49';
  if (years >= 30) return 'AGE_30_TO_39';
  if (years >= 25) return 'AGE_25_TO_29';
  return 'AGE_18_TO_24';
}

/** record kind:id → person, from a list of people and their records. */
export type Whose = Map<string, string>;

export function whoseFromPeople(world: DemoWorld): Whose {
  return new Map(
    world.people.flatMap((p) => p.records.map((r) => [`${r.recordKind}:${r.recordId}`, p.id])),
  );
}

const KIND: Record<string, string> = {
  prison: 'MOJ_PRISONER',
  probation: 'MOJ_PROBATION_CASE',
  dwp: 'DWP_CLAIMANT',
  vcs: 'VCS_SUPPORT_RECORD',
};

/** From identity's own links: (person_id, record_kind, record_id) rows. */
export function whoseFromLinks(
  links: { personId: string; recordKind: string; recordId: string }[],
): Whose {
  return new Map(links.map((l) => [`${l.recordKind}:${l.recordId}`, l.personId]));
}

export function whoseFromTruth(world: DemoWorld): Whose {
  const truth = world.truth as unknown as { personKey: string; source: string; sourceId: string }[];
  return new Map(truth.map((t) => [`${KIND[t.source] ?? t.source}:${t.sourceId}`, t.personKey]));
}

/** Every person's records of a kind. */
function recordsOf(whose: Whose, kind: string): Map<string, string[]> {
  const held = new Map<string, string[]>();
  for (const [key, person] of whose) {
    const [recordKind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (recordKind === kind) held.set(person, [...(held.get(person) ?? []), id]);
  }
  return held;
}

export function expectedCohort(world: DemoWorld, whose: Whose, question: CohortQuestion) {
  const moj = world.rows.moj as unknown as Record<string, Row[]>;
  const dwp = world.rows.dwp as unknown as Record<string, Row[]>;
  const vcs = world.rows.vcs as unknown as Record<string, Row[]>;
  const prisoner = new Map(moj.Prisoner.map((p) => [s(p.prisonNumber), p]));
  const establishment = new Map(moj.Establishment.map((e) => [s(e.code), e]));
  const ninos = recordsOf(whose, 'DWP_CLAIMANT');
  const crns = recordsOf(whose, 'MOJ_PROBATION_CASE');
  const supportRecords = recordsOf(whose, 'VCS_SUPPORT_RECORD');
  const withdrawn = new Set(
    vcs.Consent.filter((c) => c.scope === 'EMPLOYMENT_SUPPORT' && c.withdrawnOn !== null).map((c) =>
      s(c.supportRecordId),
    ),
  );
  const consented = (person: string) =>
    (supportRecords.get(person) ?? []).filter((id) => !withdrawn.has(id));
  const serviceKind = new Map(vcs.CharityService.map((c) => [s(c.id), s(c.kind)]));
  const monthEnd = (month: string) => addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);

  const releases: Release[] = [];
  for (const period of moj.CustodyPeriod) {
    const released = period.releaseDate as string | null;
    if (!released || released < `${question.from}-01` || released > monthEnd(question.to)) continue;
    const person = whose.get(`MOJ_PRISONER:${s(period.prisonNumber)}`);
    if (!person) continue;
    const who = prisoner.get(s(period.prisonNumber)) as Row;
    const prison = establishment.get(s(period.establishmentCode)) as Row;
    if (question.establishment && prison.code !== question.establishment) continue;
    if (question.sex && who.sex !== question.sex) continue;
    const received = s(period.receptionDate);
    const services = [
      ...new Set(
        consented(person).flatMap((id) =>
          vcs.Referral.filter(
            (r) =>
              r.supportRecordId === id &&
              s(r.referredOn) >= received &&
              s(r.referredOn) <= addDays(released, 182),
          ).map((r) => serviceKind.get(s(r.serviceId)) as string),
        ),
      ),
    ];
    if (question.service && !services.includes(question.service)) continue;
    if (question.programme) {
      const referred = dwp.ProgrammeReferral.some(
        (r) =>
          (ninos.get(person) ?? []).includes(s(r.nino)) &&
          r.programme === question.programme &&
          s(r.referredOn) >= received &&
          s(r.referredOn) <= addDays(released, 182),
      );
      if (!referred) continue;
    }
    releases.push({
      key: `${s(period.id)}`,
      person,
      released,
      received,
      services,
      group: {
        MONTH: released.slice(0, 7),
        ESTABLISHMENT: s(prison.name),
        REGION: s(prison.region),
        SEX: s(who.sex),
        AGE_BAND: ageBand(s(who.dateOfBirth), released),
      },
    });
  }

  const measure = (release: Release) => {
    const { person, released, received } = release;
    const claims = dwp.BenefitClaim.filter(
      (c) =>
        (ninos.get(person) ?? []).includes(s(c.nino)) &&
        c.benefit === 'UNIVERSAL_CREDIT' &&
        s(c.claimDate) >= received,
    );
    const jobs = dwp.EmploymentOutcome.filter(
      (o) => (ninos.get(person) ?? []).includes(s(o.nino)) && s(o.jobStartDate) >= released,
    );
    const prisonNumbers = [...whose]
      .filter(([k, p]) => p === person && k.startsWith('MOJ_PRISONER:'))
      .map(([k]) => k.slice(13));
    const latest = !moj.CustodyPeriod.some(
      (c) =>
        prisonNumbers.includes(s(c.prisonNumber)) &&
        c.releaseDate !== null &&
        s(c.releaseDate) > released,
    );
    const cases = moj.ProbationCase.filter((c) => (crns.get(person) ?? []).includes(s(c.crn)));
    const ete = (column: string, statuses: string[]) =>
      latest && cases.some((c) => statuses.includes(c[column] as string));
    const employed = ['EMPLOYED', 'SELF_EMPLOYED'];
    const known = [...employed, 'EDUCATION_OR_TRAINING', 'UNEMPLOYED'];
    const periods = moj.CustodyPeriod.filter(
      (c) => prisonNumbers.includes(s(c.prisonNumber)) && c.releaseDate === released,
    ).map((c) => s(c.id));
    const paid = moj.ReleaseOnTemporaryLicence.some(
      (t) => periods.includes(s(t.custodyPeriodId)) && t.paid === true,
    );
    const records = consented(person);
    const payments = claims
      .filter(
        (c) =>
          s(c.claimDate) <= addDays(released, 28) &&
          c.firstPaymentDate !== null &&
          s(c.firstPaymentDate) >= released,
      )
      .map((c) => daysFrom(released, s(c.firstPaymentDate)));
    const flags: Record<string, number> = {
      release_count: 1,
      rotl_paid_work: +paid,
      employed_at_6_weeks: +ete('eteStatusAt6Weeks', employed),
      ete_known_at_6_weeks: +ete('eteStatusAt6Weeks', known),
      employed_at_6_months: +ete('eteStatusAt6Months', employed),
      ete_known_at_6_months: +ete('eteStatusAt6Months', known),
      uc_claim_before_release: +claims.some((c) => s(c.claimDate) < released),
      uc_claim_within_7_days: +claims.some((c) => s(c.claimDate) <= addDays(released, 7)),
      uc_claim_within_28_days: +claims.some((c) => s(c.claimDate) <= addDays(released, 28)),
      job_start_within_13_weeks: +jobs.some((o) => s(o.jobStartDate) <= addDays(released, 91)),
      job_sustained_13_weeks: +jobs.some(
        (o) => s(o.jobStartDate) <= addDays(released, 182) && o.sustained13Weeks === true,
      ),
      job_sustained_26_weeks: +jobs.some(
        (o) => s(o.jobStartDate) <= addDays(released, 182) && o.sustained26Weeks === true,
      ),
      referred_before_release: +vcs.Referral.some(
        (r) =>
          records.includes(s(r.supportRecordId)) &&
          s(r.referredOn) >= received &&
          s(r.referredOn) < released,
      ),
      engaged_4_weeks_before_release: +vcs.Engagement.some(
        (e) =>
          records.includes(s(e.supportRecordId)) &&
          s(e.date) >= received &&
          s(e.date) <= addDays(released, -28),
      ),
    };
    return { flags, payment: payments.length ? Math.min(...payments) : null };
  };

  const cells = new Map<string, { group: Record<string, string | null>; releases: Release[] }>();
  for (const release of releases) {
    const serviceGroups = question.groupBy.includes('SERVICE')
      ? release.services.length
        ? release.services
        : [null]
      : [undefined];
    for (const service of serviceGroups) {
      const group: Record<string, string | null> = Object.fromEntries(
        question.groupBy.map((d) => [d, d === 'SERVICE' ? (service ?? null) : release.group[d]]),
      );
      if (question.compare) {
        group.COMPARISON = release.services.includes(question.compare) ? 'WITH' : 'WITHOUT';
      }
      const key = JSON.stringify(group);
      const cell = cells.get(key) ?? { group, releases: [] };
      cell.releases.push(release);
      cells.set(key, cell);
    }
  }
  const tally = (list: Release[]): ExpectedCell => {
    const measured = list.map(measure);
    const counts: Record<string, number> = {};
    for (const { flags } of measured) {
      for (const [name, value] of Object.entries(flags)) counts[name] = (counts[name] ?? 0) + value;
    }
    const values = measured
      .flatMap((m) => (m.payment === null ? [] : [m.payment]))
      .sort((a, b) => a - b);
    const n = values.length;
    const value = n ? (values[Math.floor((n - 1) / 2)] + values[Math.floor(n / 2)]) / 2 : null;
    return { counts, medians: { days_to_first_payment: { value, n } } };
  };
  const keys = (list: Release[]) => list.map((release) => release.key);
  return {
    rows: [...cells.values()].map((cell) => ({
      group: cell.group,
      members: keys(cell.releases),
      ...tally(cell.releases),
    })),
    total: { group: {}, members: keys(releases), ...tally(releases) },
  };
}
