import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { Role } from '../lib/auth/roles';
import { DifferencingGuard, memberHash } from '../lib/disclosure/differencing-guard';
import { protect } from '../lib/disclosure/protect';
import { DEFAULT_DISCLOSURE_RULES } from '../lib/disclosure/rules';
import type { ProtectedValue, RawCell, RawTable } from '../lib/disclosure/table';
import { closeDatabase, openDatabase } from '../lib/database';
import { ROOT_DIR } from '../lib/paths';
import { createIdentityDatabase } from '../subgraphs/identity/database';
import { createMojDatabase } from '../subgraphs/moj/database';
import { PersonLink } from '../subgraphs/identity/person/person-link.entity';
import { COHORT_MEASURES } from '../subgraphs/identity/reporting/cohort-table';
import { buildDemoWorld } from '../seed/demo';
import {
  type CohortQuestion,
  type ExpectedCell,
  expectedCohort,
  type Whose,
  whoseFromLinks,
  whoseFromTruth,
} from './support/cohort-expected';
import { type TestHub, backends, startTestHub } from './support/hub';

// Reporting through the real gateway with real REPORTING tokens, checked against tables worked
// out in plain TypeScript from the seed's own rows: exactly, before disclosure control (a hub
// whose rules publish everything), and after it (the 10-5 rules, checked against the library's
// own answer for the expected table, and against the rules themselves).

const DOCUMENT = readFileSync(
  path.join(ROOT_DIR, 'gateway', 'trusted-documents', 'CohortOutcomes.graphql'),
  'utf8',
);
const COMPARISON_DOCUMENT = readFileSync(
  path.join(ROOT_DIR, 'gateway', 'trusted-documents', 'ServiceComparison.graphql'),
  'utf8',
);
const world = buildDemoWorld();

type Count = { value: number | null; suppressed: string | null };
type Share = { count: Count; rate: { percent: number | null; suppressed: string | null } };
type Employment = { employed: Count; knownAndAvailable: Count; rate: Share['rate'] };
interface Row {
  group: Record<string, string | null>;
  released: Count;
  medianDaysToFirstPayment: { days: number | null; suppressed: string | null };
  employedAt6Weeks: Employment;
  employedAt6Months: Employment;
  [share: string]: unknown;
}
interface Table {
  groupBy: string[];
  rows: Row[];
  total: Row;
  unavailableFrom: string[];
}

interface Comparison {
  caveat: string;
  rows: { group: Record<string, string | null>; withService: Row; withoutService: Row }[];
}

const SHARES: Record<string, string> = {
  rotl_paid_work: 'rotlPaidWork',
  uc_claim_before_release: 'ucClaimBeforeRelease',
  uc_claim_within_7_days: 'ucClaimWithin7Days',
  uc_claim_within_28_days: 'ucClaimWithin28Days',
  job_start_within_13_weeks: 'jobStartWithin13Weeks',
  job_sustained_13_weeks: 'jobSustained13Weeks',
  job_sustained_26_weeks: 'jobSustained26Weeks',
  referred_before_release: 'referredBeforeRelease',
  engaged_4_weeks_before_release: 'engagedFourWeeksBeforeRelease',
};
const GROUP_FIELD: Record<string, string> = {
  MONTH: 'month',
  ESTABLISHMENT: 'establishment',
  REGION: 'region',
  SEX: 'sex',
  AGE_BAND: 'ageBand',
  SERVICE: 'service',
};

/** A row's counts by the measure names the expected tables use. */
function countsOf(row: Row): Record<string, Count> {
  const counts: Record<string, Count> = { release_count: row.released };
  for (const [name, field] of Object.entries(SHARES)) counts[name] = (row[field] as Share).count;
  for (const at of ['6_weeks', '6_months'] as const) {
    const employment = at === '6_weeks' ? row.employedAt6Weeks : row.employedAt6Months;
    counts[`employed_at_${at}`] = employment.employed;
    counts[`ete_known_at_${at}`] = employment.knownAndAvailable;
  }
  return counts;
}

/** A row's rates as { value, suppressed }, by the same names. */
function ratesOf(row: Row): Record<string, ProtectedValue> {
  const rate = (r: Share['rate']) =>
    ({ value: r.percent, suppressed: r.suppressed }) as ProtectedValue;
  const rates: Record<string, ProtectedValue> = {};
  for (const [name, field] of Object.entries(SHARES))
    rates[name] = rate((row[field] as Share).rate);
  rates.employed_at_6_weeks = rate(row.employedAt6Weeks.rate);
  rates.employed_at_6_months = rate(row.employedAt6Months.rate);
  return rates;
}

const keyOf = (group: Record<string, string | null>, groupBy: string[]) =>
  JSON.stringify(groupBy.map((d) => group[GROUP_FIELD[d]] ?? (group[d] || null)));

function variablesOf(question: CohortQuestion) {
  const filter = {
    releasedFrom: question.from,
    releasedTo: question.to,
    establishment: question.establishment,
    sex: question.sex,
    service: question.service,
    programme: question.programme,
  };
  return { filter, groupBy: question.groupBy };
}

async function cohort(hub: TestHub, question: CohortQuestion): Promise<Table> {
  const { status, body } = await hub.ask(DOCUMENT, variablesOf(question), Role.REPORTING);
  const answer = body as { data?: { cohortOutcomes: Table }; errors?: unknown[] };
  expect({ status, errors: answer.errors }).toEqual({ status: 200, errors: undefined });
  return (answer.data as { cohortOutcomes: Table }).cohortOutcomes;
}

/** Every count and median of every row is what the seed rows give, before disclosure control. */
function expectCounted(table: Table, question: CohortQuestion, whose: Whose): void {
  const expected = expectedCohort(world, whose, question);
  expect(table.unavailableFrom).toEqual([]);
  const byKey = new Map(expected.rows.map((row) => [keyOf(row.group, question.groupBy), row]));
  expect(table.rows.map((row) => keyOf(row.group, question.groupBy)).sort()).toEqual(
    [...byKey.keys()].sort(),
  );
  for (const row of [...table.rows, table.total]) {
    const want =
      row === table.total
        ? expected.total
        : (byKey.get(keyOf(row.group, question.groupBy)) as ExpectedCell);
    const got = Object.fromEntries(
      Object.entries(countsOf(row)).map(([name, count]) => [name, count.value]),
    );
    expect(got).toEqual(want.counts);
    const median = want.medians.days_to_first_payment;
    expect(row.medianDaysToFirstPayment.days).toBe(
      median.value === null ? null : Math.round(median.value),
    );
  }
  expect(expected.total.counts.release_count).toBeGreaterThan(0);
}

async function hubLinks(hub: TestHub): Promise<Whose> {
  const identity = await openDatabase(createIdentityDatabase(hub.settings('identity')));
  try {
    return whoseFromLinks(await identity.getRepository(PersonLink).find());
  } finally {
    await closeDatabase(identity);
  }
}

const QUESTIONS: CohortQuestion[] = [
  { from: '2025-01', to: '2026-12', groupBy: ['MONTH'] },
  { from: '2019-01', to: '2026-12', groupBy: ['ESTABLISHMENT', 'SEX'] },
  { from: '2024-01', to: '2026-12', groupBy: ['SERVICE', 'AGE_BAND'] },
  { from: '2024-01', to: '2026-12', groupBy: ['REGION'], service: 'IPS_EMPLOYMENT_SUPPORT' },
  { from: '2020-01', to: '2026-12', groupBy: [], programme: 'RESTART_SCHEME' },
];

describe.each(backends())('cohort outcomes before disclosure control, on %s', (backend) => {
  let hub: TestHub;
  let whose: Whose;
  beforeAll(async () => {
    // Rules that publish every count as it is: the exact table, to check the counting itself.
    hub = await startTestHub(backend, {
      REPORTING_SUPPRESSION_THRESHOLD: '0',
      REPORTING_ROUNDING_BASE: '1',
    });
    whose = await hubLinks(hub);
  });
  afterAll(() => hub?.stop());

  it.each(QUESTIONS)('counts $groupBy from $from to $to as the seed rows say', async (question) => {
    expectCounted(await cohort(hub, question), question, whose);
  });

  it('counts from the snapshot the controllers keep, and says so while they are out of step', async () => {
    const question: CohortQuestion = {
      from: '2023-01',
      to: '2026-06',
      groupBy: ['AGE_BAND', 'MONTH'],
      sex: 'FEMALE',
    };
    expectCounted(await cohort(hub, question), question, whose);
    // MoJ loses its summary of the snapshot: the counts no longer match identity's spine.
    const moj = await openDatabase(createMojDatabase(hub.settings('moj')));
    await moj.query('DELETE FROM release_cube').finally(() => closeDatabase(moj));
    const broken = await hub.ask(DOCUMENT, variablesOf(question), Role.REPORTING);
    expect(broken.body).toMatchObject({
      errors: [
        {
          message: expect.stringMatching(/being brought up to date/),
          extensions: { code: 'UPSTREAM_UNAVAILABLE' },
        },
      ],
    });
    // Identity builds another snapshot on its next sync, and the same question is answered.
    const deadline = Date.now() + 30_000;
    let answer = await hub.ask(DOCUMENT, variablesOf(question), Role.REPORTING);
    while ((answer.body as { errors?: unknown }).errors && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await hub.ask(DOCUMENT, variablesOf(question), Role.REPORTING);
    }
    const table = (answer.body as { data: { cohortOutcomes: Table } }).data.cohortOutcomes;
    expectCounted(table, question, whose);
  });

  it('compares those who had a service with those in the same establishment who did not', async () => {
    const question: CohortQuestion = {
      from: '2024-01',
      to: '2026-12',
      groupBy: ['ESTABLISHMENT'],
      compare: 'IPS_EMPLOYMENT_SUPPORT',
    };
    const { status, body } = await hub.ask(
      COMPARISON_DOCUMENT,
      {
        filter: { releasedFrom: question.from, releasedTo: question.to },
        service: question.compare,
        groupBy: question.groupBy,
      },
      Role.REPORTING,
    );
    expect({ status, errors: (body as { errors?: unknown }).errors }).toEqual({ status: 200 });
    const comparison = (body as { data: { serviceComparison: Comparison } }).data.serviceComparison;
    expect(comparison.caveat).toMatch(/not what the service caused/);
    const expected = expectedCohort(world, whose, question);
    const want = new Map(expected.rows.map((row) => [JSON.stringify(row.group), row.counts]));
    const sides = comparison.rows.flatMap((row) =>
      (['WITH', 'WITHOUT'] as const).map((side) => ({
        key: JSON.stringify({ ESTABLISHMENT: row.group.establishment, COMPARISON: side }),
        row: side === 'WITH' ? row.withService : row.withoutService,
      })),
    );
    expect(sides.filter(({ key }) => want.has(key))).toHaveLength(want.size);
    for (const { key, row } of sides) {
      if (!want.has(key)) {
        expect(row.released.value).toBe(0);
        continue;
      }
      const counts = Object.fromEntries(
        Object.entries(countsOf(row)).map(([name, count]) => [name, count.value]),
      );
      expect(counts).toEqual(want.get(key));
    }
  });

  it('joins the controllers as the ground truth does, within what linkage got wrong', async () => {
    const question = QUESTIONS[0];
    const table = await cohort(hub, question);
    const truth = expectedCohort(world, whoseFromTruth(world), question).total.counts;
    const linked = countsOf(table.total);
    // Who was released is MoJ's alone: no linkage involved.
    expect(linked.release_count.value).toBe(truth.release_count);
    for (const [name, count] of Object.entries(linked)) {
      expect(Math.abs((count.value as number) - truth[name])).toBeLessThanOrEqual(
        Math.max(2, Math.ceil(truth.release_count * 0.05)),
      );
    }
  });
});

describe('cohort outcomes after disclosure control', () => {
  let hub: TestHub;
  let whose: Whose;
  const guard = new DifferencingGuard();
  beforeAll(async () => {
    hub = await startTestHub('embedded');
    whose = await hubLinks(hub);
  });
  afterAll(() => hub?.stop());

  /**
   * What the library publishes for the table the seed rows give, asked in the same order as the
   * hub is: the guard's choices depend only on which releases each cell holds.
   */
  function published(question: CohortQuestion) {
    const expected = expectedCohort(world, whose, question);
    // The hub orders cells by their group, the charity service last.
    const hubGroup = (group: Record<string, string | null>) => {
      const dimensions = [
        ...question.groupBy.filter((d) => d !== 'SERVICE'),
        ...question.groupBy.filter((d) => d === 'SERVICE'),
      ];
      return Object.fromEntries(dimensions.map((d) => [d, group[d] ?? '']));
    };
    const cell = (row: (typeof expected.rows)[number] | typeof expected.total): RawCell => ({
      group: hubGroup(row.group),
      counts: row.counts,
      medians: row.medians,
      members: row.members.map(memberHash),
    });
    const raw: RawTable = {
      dimensions: question.groupBy,
      counts: COHORT_MEASURES.map(({ name, denominator }) => ({ name, denominator })),
      medians: [{ name: 'days_to_first_payment' }],
      rows: expected.rows
        .map(cell)
        .sort((a, b) => (JSON.stringify(a.group) < JSON.stringify(b.group) ? -1 : 1)),
      total: cell(expected.total),
    };
    return protect(raw, DEFAULT_DISCLOSURE_RULES, guard);
  }

  it('publishes exactly what the disclosure rules make of the seed rows', async () => {
    for (const question of QUESTIONS) {
      const table = await cohort(hub, question);
      const want = published(question);
      const byKey = new Map(want.rows.map((row) => [keyOf(row.group, question.groupBy), row]));
      expect(table.rows).toHaveLength(want.rows.length);
      for (const row of [...table.rows, table.total]) {
        const expected =
          row === table.total ? want.total : byKey.get(keyOf(row.group, question.groupBy));
        const counts = countsOf(row);
        for (const [name, value] of Object.entries(expected?.counts ?? {})) {
          expect({ name, ...counts[name] }).toEqual({ name, ...(value as ProtectedValue) });
        }
        for (const [name, value] of Object.entries(expected?.rates ?? {})) {
          expect({ name, ...ratesOf(row)[name] }).toEqual({ name, ...(value as ProtectedValue) });
        }
        const median = expected?.medians.days_to_first_payment as ProtectedValue;
        expect(row.medianDaysToFirstPayment).toEqual({
          days: median.value,
          suppressed: median.suppressed,
        });
      }
    }
  });

  it('never shows a count from 1 to 9, and shows every count as a multiple of 5', async () => {
    for (const question of QUESTIONS) {
      const table = await cohort(hub, question);
      for (const row of [...table.rows, table.total]) {
        for (const count of Object.values(countsOf(row))) {
          if (count.value === null) {
            expect(count.suppressed).not.toBeNull();
          } else {
            expect(count.value === 0 || count.value >= 10).toBe(true);
            expect(count.value % 5).toBe(0);
          }
        }
      }
    }
  });

  it('hides a group that differs by a few people from one already published', async () => {
    const question: CohortQuestion = { from: '2025-01', to: '2026-12', groupBy: [] };
    const everyone = expectedCohort(world, whose, question).total.counts.release_count;
    const men = expectedCohort(world, whose, { ...question, sex: 'MALE' }).total.counts
      .release_count;
    expect(everyone - men).toBeGreaterThan(0);
    expect(everyone - men).toBeLessThan(10);
    const all = await cohort(hub, question);
    expect(all.total.released.value).not.toBeNull();
    const male = await cohort(hub, { ...question, sex: 'MALE' });
    expect(male.total.released).toEqual({ value: null, suppressed: 'DIFFERENCING' });
  });

  it('answers the same question over the same data the same way again', async () => {
    const question: CohortQuestion = { from: '2025-01', to: '2026-10', groupBy: ['SEX'] };
    const first = await cohort(hub, question);
    expect(await cohort(hub, question)).toEqual(first);
  });

  it('gives a reporting token nothing person-level, and the report to no one else', async () => {
    const person = await hub.ask(
      '{ person(id: "00b7f970-0c01-527d-ae28-ae7974c69662") { id givenName } }',
      {},
      Role.REPORTING,
    );
    expect(JSON.stringify(person.body)).not.toContain('givenName":"');
    const coordinator = await hub.ask(
      DOCUMENT,
      { filter: { releasedFrom: '2025-01', releasedTo: '2025-12' }, groupBy: [] },
      Role.COORDINATOR,
    );
    expect(
      (coordinator.body as { errors: { extensions: { code: string } }[] }).errors[0].extensions
        .code,
    ).toBe('FORBIDDEN');
  });

  it('exports the same table as CSV, with markers where values are hidden', async () => {
    const authorization = await hub.authorization(Role.REPORTING);
    const response = await request(hub.url)
      .get('/reports/cohort-outcomes')
      .query({ releasedFrom: '2025-01', releasedTo: '2026-12', groupBy: 'MONTH' })
      .set('authorization', authorization)
      .set('accept', 'text/csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^month,Released,/);
    expect(lines.at(-1)).toMatch(/^Total,/);
    const values = lines.slice(1).flatMap((line) => line.split(',').slice(1));
    expect(values.some((value) => value.startsWith('['))).toBe(true);
    for (const value of values.filter((v) => /^\d+$/.test(v))) {
      expect(Number(value) === 0 || Number(value) >= 10).toBe(true);
    }
  });

  it('refuses a malformed period with a clear error', async () => {
    const { body } = await hub.ask(
      DOCUMENT,
      { filter: { releasedFrom: '2025-13', releasedTo: '2025-12' }, groupBy: [] },
      Role.REPORTING,
    );
    const errors = (body as { errors: { message: string; extensions: { code: string } }[] }).errors;
    expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(errors[0].message).toMatch(/YYYY-MM/);
    const misspelt = await hub.ask(
      DOCUMENT,
      { filter: { releasedFrom: '2025-01', releasedTo: '2025-12', sex: 'male' }, groupBy: [] },
      Role.REPORTING,
    );
    const refusal = (misspelt.body as { errors: { message: string }[] }).errors[0];
    expect(refusal.message).toBe('sex is one of FEMALE, MALE.');
  });

  it('answers a period in which no one was released with none, not an error', async () => {
    const filter = { releasedFrom: '1990-01', releasedTo: '1990-02' };
    const outcomes = await hub.ask(DOCUMENT, { filter, groupBy: ['REGION'] }, Role.REPORTING);
    const comparison = await hub.ask(
      COMPARISON_DOCUMENT,
      { filter, service: 'IPS_EMPLOYMENT_SUPPORT', groupBy: ['REGION'] },
      Role.REPORTING,
    );

    for (const { status, body } of [outcomes, comparison]) {
      expect({ status, errors: (body as { errors?: unknown }).errors }).toEqual({ status: 200 });
    }
    const data = (answer: typeof outcomes) =>
      (answer.body as { data: Record<string, { rows: unknown[]; total?: Row }> }).data;
    expect(data(comparison).serviceComparison.rows).toEqual([]);
    const { rows, total } = data(outcomes).cohortOutcomes;
    expect(rows).toEqual([]);
    // A true zero is withheld like any count under the threshold.
    expect(total?.released).toEqual({ value: null, suppressed: 'LOW_COUNT' });
  });
});
