import request from 'supertest';
import { Purpose, Role } from '../lib/auth/roles';
import { type DemoPerson, buildDemoWorld, demoPerson } from '../seed/demo';
import { type TestHub, startTestHub } from './support/hub';

// A Jobcentre adviser's one query: from a claimant's NINO to their prison history, through the
// person index, and nothing of a charity's casework.

const HISTORY = `query PrisonHistory($nino: String!) {
  claimant(nino: $nino) {
    nino
    person {
      prisoner {
        custodyPeriods {
          receptionDate releaseDate releaseType
          establishment { name }
          workPlacements { activity startDate endDate }
          educationCourses { subject level achieved }
        }
      }
      probationCase {
        practitionerName
        licenceConditions { kind restrictsWork description }
      }
      supportRecords { engagements { notes } }
    }
  }
}`;

type Rows = Record<string, Record<string, unknown>[]>;

describe('prison history for a Jobcentre adviser, from a NINO', () => {
  const world = buildDemoWorld();
  const person = demoPerson(world);
  const moj = world.rows.moj as Rows;
  const recordOf = (who: DemoPerson, kind: string) =>
    who.records.find((r) => r.recordKind === kind)?.recordId as string;
  let running: TestHub;

  beforeAll(async () => {
    running = await startTestHub('embedded');
  });
  afterAll(() => running?.stop());

  it('joins custody, release, establishment, work, courses and licence, but not case notes', async () => {
    const response = await request(running.url)
      .post('/graphql')
      .set(
        'authorization',
        await running.authorization(Role.JOBCENTRE_ADVISER, {
          purposes: [Purpose.BENEFIT_ADMINISTRATION],
        }),
      )
      .send({ query: HISTORY, variables: { nino: recordOf(person, 'DWP_CLAIMANT') } });
    const body = response.body as {
      data: { claimant: { person: unknown } };
      errors?: { extensions: { code: string; field?: string } }[];
    };
    const periods = moj.CustodyPeriod.filter(
      (c) => c.prisonNumber === recordOf(person, 'MOJ_PRISONER'),
    );
    const conditions = moj.LicenceCondition.filter(
      (c) => c.crn === recordOf(person, 'MOJ_PROBATION_CASE'),
    );
    const history = body.data.claimant.person as {
      prisoner: { custodyPeriods: Record<string, unknown>[] };
      probationCase: { practitionerName: string; licenceConditions: Record<string, unknown>[] };
      supportRecords: { engagements: unknown }[];
    };

    expect(history.prisoner.custodyPeriods).toHaveLength(periods.length);
    expect(history.prisoner.custodyPeriods[0]).toMatchObject({
      receptionDate: periods[0].receptionDate,
      releaseDate: periods[0].releaseDate,
      releaseType: periods[0].releaseType,
      establishment: { name: expect.any(String) },
    });
    const placements = history.prisoner.custodyPeriods.flatMap(
      (p) => p.workPlacements as unknown[],
    );
    expect(placements.length).toBeGreaterThan(0);
    expect(history.probationCase.practitionerName).toEqual(expect.any(String));
    expect(history.probationCase.licenceConditions).toEqual(
      conditions.map((c) => ({
        kind: c.kind,
        restrictsWork: c.restrictsWork,
        description: c.restrictsWork ? c.description : null,
      })),
    );
    expect(history.supportRecords.every((r) => r.engagements === null)).toBe(true);
    expect(
      (body.errors ?? []).map((e) => `${e.extensions.code} ${e.extensions.field}`).sort(),
    ).toEqual(
      expect.arrayContaining([
        'FORBIDDEN LicenceCondition.description',
        'FORBIDDEN SupportRecord.engagements',
      ]),
    );
    expect(new Set((body.errors ?? []).map((e) => e.extensions.code))).toEqual(
      new Set(['FORBIDDEN']),
    );
  });

  it('answers null for a NINO that is not a claimant, as for one outside any link', async () => {
    const response = await request(running.url)
      .post('/graphql')
      .set(
        'authorization',
        await running.authorization(Role.JOBCENTRE_ADVISER, {
          purposes: [Purpose.BENEFIT_ADMINISTRATION],
        }),
      )
      .send({ query: HISTORY, variables: { nino: 'ZZ000000A' } });

    expect(response.body).toEqual({ data: { claimant: null } });
  });
});
