import 'reflect-metadata';
import { IDENTITY_SERVICE_REQUEST } from '../../../test/support/callers';
import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { openMoj, uuid } from '../testing/fixtures';

interface Fact {
  id: string;
  recordId: string;
  kind: string;
  date: string;
  summary: string;
}

describe("a prisoner's custody, for the identity service", () => {
  let moj: SubgraphUnderTest;

  beforeAll(async () => {
    moj = (await openMoj()).as(IDENTITY_SERVICE_REQUEST);
  });
  afterAll(() => moj.close());

  const timeline = async (prisonNumbers: string[]) => {
    const result = await moj.execute(
      `query ($keys: [String!]!) {
        prisonTimeline(prisonNumbers: $keys) { id recordId kind date summary } }`,
      { keys: prisonNumbers },
    );
    expect(result.errors).toBeUndefined();
    return result.data?.prisonTimeline as Fact[];
  };

  it('tells each event in a line a caseworker reads, by date then id', async () => {
    const event = (id: string, kind: string, date: string, summary: string) => ({
      id,
      recordId: 'A0001AA',
      kind,
      date,
      summary,
    });
    const [leeds, berwyn] = [uuid(101), uuid(102)];

    expect(await timeline(['A0001AA'])).toEqual([
      event(`custody:${leeds}:reception`, 'RECEPTION', '2019-03-01', 'Received into HMP Leeds'),
      event(
        `work:${uuid(301)}:start`,
        'PRISON_WORK_START',
        '2019-04-01',
        'Started prison work: Kitchen assistant (kitchen)',
      ),
      event(
        `custody:${leeds}:release`,
        'RELEASE',
        '2019-09-01',
        'Released from HMP Leeds (automatic release on licence)',
      ),
      event(`custody:${berwyn}:reception`, 'RECEPTION', '2023-05-10', 'Received into HMP Berwyn'),
      event(
        `work:${uuid(303)}:start`,
        'PRISON_WORK_START',
        '2023-06-01',
        'Started prison work: Peer mentor (peer mentoring)',
      ),
      event(
        `work:${uuid(302)}:start`,
        'PRISON_WORK_START',
        '2023-07-01',
        'Started prison work: Welder (workshop)',
      ),
      event(
        `course:${uuid(401)}:completed`,
        'COURSE_COMPLETED',
        '2023-12-01',
        'Completed CSCS health and safety (Level 1)',
      ),
      event(
        `rotl:${uuid(202)}:start`,
        'ROTL_START',
        '2023-12-01',
        'Started release on temporary licence for a resettlement day (unpaid)',
      ),
      event(
        `rotl:${uuid(201)}:start`,
        'ROTL_START',
        '2024-01-05',
        'Started release on temporary licence for paid work with Acme Builders (paid)',
      ),
      event(
        `custody:${berwyn}:release`,
        'RELEASE',
        '2024-02-15',
        'Released from HMP Berwyn (home detention curfew)',
      ),
    ]);
  });

  it('leaves out releases still to come and courses not achieved', async () => {
    const facts = await timeline(['A0003AA', 'A0002AA']);

    expect(facts.map((f) => [f.recordId, f.kind, f.date])).toEqual([
      ['A0003AA', 'RECEPTION', '2022-01-01'],
      ['A0003AA', 'RELEASE', '2022-06-30'],
      ['A0002AA', 'RECEPTION', '2023-05-10'],
      ['A0003AA', 'RECEPTION', '2024-01-01'],
      ['A0002AA', 'ROTL_START', '2024-02-01'],
      ['A0003AA', 'PRISON_WORK_START', '2024-02-01'],
      ['A0002AA', 'RELEASE', '2024-03-20'],
    ]);
  });

  it("gives each prisoner's latest custody period, in the order asked", async () => {
    const result = await moj.execute(`{
      custodyReleases(prisonNumbers: ["A0003AA", "A0006AA", "A0001AA", "A0003AA"]) {
        prisonNumber receptionDate releaseDate expectedReleaseDate releaseType
        establishmentCode establishmentName } }`);

    expect(result.errors).toBeUndefined();
    expect(result.data?.custodyReleases).toEqual([
      {
        prisonNumber: 'A0003AA',
        receptionDate: '2024-01-01',
        releaseDate: null,
        expectedReleaseDate: '2026-01-01',
        releaseType: null,
        establishmentCode: 'LEI',
        establishmentName: 'HMP Leeds',
      },
      {
        prisonNumber: 'A0001AA',
        receptionDate: '2023-05-10',
        releaseDate: '2024-02-15',
        expectedReleaseDate: null,
        releaseType: 'HOME_DETENTION_CURFEW',
        establishmentCode: 'BWI',
        establishmentName: 'HMP Berwyn',
      },
    ]);
  });
});
