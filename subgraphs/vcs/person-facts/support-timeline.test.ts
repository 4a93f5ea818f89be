import { IDENTITY_SERVICE_REQUEST } from '../../../test/support/callers';
import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { buildVcsWorld, openVcs, uuid } from '../test-fixtures';

const QUERY = `query ($ids: [ID!]!) { supportTimeline(ids: $ids) { id recordId kind date summary } }`;

interface Fact {
  id: string;
  recordId: string;
  kind: string;
  date: string;
  summary: string;
}

describe('supportTimeline', () => {
  const world = buildVcsWorld();
  const [first, second] = world.supportRecords.map((r) => r.id);
  let vcs: SubgraphUnderTest;

  const ask = async (ids: string[]) => {
    const result = await vcs.execute(QUERY, { ids });
    expect(result.errors).toBeUndefined();
    return result.data?.supportTimeline as Fact[];
  };

  beforeAll(async () => {
    vcs = (await openVcs(world)).as(IDENTITY_SERVICE_REQUEST);
  });
  afterAll(() => vcs.close());

  it('tells referrals, acceptances, engagements and outcomes in words, by date then id', async () => {
    const fact = (id: string, kind: string, date: string, summary: string) => ({
      id,
      recordId: first,
      kind,
      date,
      summary,
    });

    expect(await ask([first])).toEqual([
      fact(
        `referral:${uuid(403)}`,
        'REFERRAL',
        '2024-01-12',
        'Referred to Mentors (Working Chance) by probation',
      ),
      fact(
        `referral:${uuid(403)}:accepted`,
        'REFERRAL_ACCEPTED',
        '2024-01-12',
        'Referral to Mentors (Working Chance) accepted',
      ),
      fact(
        `referral:${uuid(409)}`,
        'REFERRAL',
        '2024-01-12',
        'Referred to IPS (Working Chance) by the prison',
      ),
      fact(
        `referral:${uuid(409)}:accepted`,
        'REFERRAL_ACCEPTED',
        '2024-01-12',
        'Referral to IPS (Working Chance) accepted',
      ),
      fact(
        `engagement:${uuid(502)}`,
        'ENGAGEMENT',
        '2024-01-13',
        'Initial assessment (Working Chance)',
      ),
      fact(
        `engagement:${uuid(501)}`,
        'ENGAGEMENT',
        '2024-01-20',
        'One-to-one meeting (Working Chance)',
      ),
      fact(`outcome:${uuid(701)}`, 'JOB_START', '2024-03-01', 'Started work at Timpson'),
      fact(
        `outcome:${uuid(702)}`,
        'JOB_SUSTAINED_13_WEEKS',
        '2024-05-31',
        'In work for 13 weeks at Timpson',
      ),
    ]);
  });

  it('tells a self-referral, an outcome with no employer and a withdrawn consent', async () => {
    const facts = await ask([second]);

    expect(facts.map((f) => [f.date, f.kind, f.summary])).toEqual([
      ['2024-02-02', 'REFERRAL', 'Referred to Dry lining (Bounce Back) by the Jobcentre'],
      ['2024-02-02', 'REFERRAL_ACCEPTED', 'Referral to Dry lining (Bounce Back) accepted'],
      ['2024-02-05', 'ENGAGEMENT', 'Group session (Bounce Back)'],
      ['2024-02-10', 'TRAINING_START', 'Started training'],
      ['2024-02-20', 'REFERRAL', 'Referred themselves to Buddies (Bounce Back)'],
      ['2024-03-01', 'CONSENT_WITHDRAWN', 'Withdrew consent to sharing with MoJ (Bounce Back)'],
    ]);
    expect(facts.at(-1)?.id).toBe(`consent:${uuid(903)}:withdrawn`);
  });

  it('merges many records by date in one statement, never with the notes', async () => {
    const ids = world.supportRecords.map((r) => r.id);
    const facts = await ask([...ids, uuid(999), first.toUpperCase()]);

    expect(vcs.selects()).toHaveLength(1);
    expect(new Set(facts.map((f) => f.recordId))).toEqual(new Set(ids));
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
    expect(facts.map((f) => f.date)).toEqual(facts.map((f) => f.date).sort());
    const engagements = facts.filter((f) => f.kind === 'ENGAGEMENT');
    expect(engagements).toHaveLength(world.engagements.length);
    expect(JSON.stringify(facts)).not.toMatch(/Notes \d/);
  });
});
