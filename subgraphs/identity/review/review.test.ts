import { Purpose, Role } from '../../../lib/auth/roles';
import { requestAs } from '../../../test/support/callers';
import { openSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph';
import { World, WORLD_DEFAULTS } from '../../../seed/world';
import { createContext } from '../context';
import { createIdentityDatabase } from '../database';
import { runFullLinkage } from '../linking/full-run';
import { saveSourceRecords } from '../linking/linkage-store';
import { DEFAULT_THRESHOLDS } from '../linking/linker';
import { RECORD_KIND, type RecordSource, type SourceRecord } from '../linking/source-record';
import { buildIdentitySchema } from '../schema';
import { StewardDecisionRecord } from './steward-decision.entity';

const RARE = { givenName: 'Peregrine', familyName: 'Featherstonehaugh', dateOfBirth: '1981-02-17' };
const base = { nino: null, prisonNumber: null, pncNumber: null, postcode: null };
/** Two claimants with one rare name and birthday, and a charity record that fits both. */
const TWINS: SourceRecord[] = [
  { ...base, ...RARE, source: 'dwp', sourceId: 'EF111111A', nino: 'EF111111A' },
  { ...base, ...RARE, source: 'dwp', sourceId: 'GH222222B', nino: 'GH222222B' },
  { ...base, ...RARE, source: 'vcs', sourceId: 'charity-1' },
];
const POPULATION = [...new World(WORLD_DEFAULTS).people()].flatMap((batch) => batch.identities);

const QUEUE = `{ linkReviews(first: 50) { edges { node {
  id recordA recordB reason matchProbability impact status
  explanation { reasons { field level weight } } } } } }`;
const PERSON_OF = `query ($id: ID!) { person(id: $id) { id links { recordKind recordId status } } }`;

const STEWARD = requestAs(Role.DATA_STEWARD, Purpose.LINKAGE_REVIEW, 'hub', 'steward-7');

describe('the steward review queue', () => {
  let identity: SubgraphUnderTest;

  beforeEach(async () => {
    identity = (
      await openSubgraph(
        { createDatabase: createIdentityDatabase, buildSchema: buildIdentitySchema, createContext },
        [],
      )
    ).as(STEWARD);
    const updatedAt = '2026-11-01T00:00:00.000Z';
    await identity.database.transaction((manager) =>
      saveSourceRecords(
        manager,
        [...POPULATION, ...TWINS].map((r) => ({ ...r, updatedAt })),
      ),
    );
    await runFullLinkage(identity.database, DEFAULT_THRESHOLDS);
  });
  afterEach(() => identity.close());

  const queue = async () => {
    const result = await identity.execute(QUEUE);
    expect(result.errors).toBeUndefined();
    return (
      result.data as { linkReviews: { edges: { node: Record<string, unknown> }[] } }
    ).linkReviews.edges.map((e) => e.node);
  };
  const personOf = async (key: string) => {
    const [kind, id] = key.split(':');
    const [row] = await identity.database.query(
      `SELECT person_id FROM person_link WHERE record_kind = ? AND record_id = ?`,
      [RECORD_KIND[kind as RecordSource], id],
    );
    return row?.person_id as string;
  };

  it('lists the contested record with its reasons, biggest impact first', async () => {
    const reviews = await queue();
    const contested = reviews.filter(
      (r) => r.recordB === 'vcs:charity-1' || r.recordA === 'vcs:charity-1',
    );

    expect(contested.map((r) => r.reason)).toEqual(['CONTESTED', 'CONTESTED']);
    expect(reviews.map((r) => r.impact)).toEqual(
      [...reviews.map((r) => r.impact as number)].sort((a, b) => b - a),
    );
    expect(await personOf('vcs:charity-1')).not.toBe(await personOf('dwp:EF111111A'));
  });

  it('links on confirm, records the decision, and keeps it when everything is re-linked', async () => {
    const review = (await queue()).find(
      (r) =>
        [r.recordA, r.recordB].includes('dwp:EF111111A') &&
        [r.recordA, r.recordB].includes('vcs:charity-1'),
    );
    const confirmed = await identity.execute(
      `mutation ($id: ID!) { confirmLinkReview(id: $id, note: "same address on file") { status decidedBy } }`,
      { id: review?.id },
    );
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data?.confirmLinkReview).toEqual({
      status: 'CONFIRMED',
      decidedBy: STEWARD.caller.subject,
    });
    expect(await personOf('vcs:charity-1')).toBe(await personOf('dwp:EF111111A'));

    const personId = await personOf('dwp:EF111111A');
    await runFullLinkage(identity.database, DEFAULT_THRESHOLDS);
    expect(await personOf('vcs:charity-1')).toBe(personId);
    expect(await personOf('dwp:EF111111A')).toBe(personId);
    const decisions = await identity.database.getRepository(StewardDecisionRecord).find();
    expect(decisions).toEqual([
      expect.objectContaining({ kind: 'SAME_PERSON', note: 'same address on file' }),
    ]);
    const again = await identity.execute(
      `mutation ($id: ID!) { confirmLinkReview(id: $id) { id } }`,
      {
        id: review?.id,
      },
    );
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('splits records off a person and keeps them apart on re-runs; merges two people', async () => {
    const prison = POPULATION.find((r) => r.source === 'prison' && r.nino) as SourceRecord;
    const personId = await personOf(`dwp:${prison.nino}`);
    const person = await identity.execute(PERSON_OF, { id: personId });
    const keys = (person.data?.person as { links: { recordKind: string; recordId: string }[] })
      .links;
    expect(keys.length).toBeGreaterThan(1);
    const leaving = `dwp:${prison.nino}`;

    const split = await identity.execute(
      `mutation ($id: ID!, $keys: [String!]!) { splitPerson(personId: $id, recordKeys: $keys) { id } }`,
      { id: personId, keys: [leaving] },
    );
    expect(split.errors).toBeUndefined();
    const newId = (split.data?.splitPerson as { id: string }).id;
    expect(await personOf(leaving)).toBe(newId);
    await runFullLinkage(identity.database, DEFAULT_THRESHOLDS);
    expect(await personOf(leaving)).not.toBe(await personOf(`prison:${prison.sourceId}`));

    const merged = await identity.execute(
      `mutation ($a: ID!, $b: ID!) { mergePeople(personId: $a, otherPersonId: $b) { id } }`,
      { a: await personOf(`prison:${prison.sourceId}`), b: await personOf(leaving) },
    );
    expect(merged.errors).toBeUndefined();
    expect(await personOf(leaving)).toBe(await personOf(`prison:${prison.sourceId}`));
  });

  it('refuses a split that names a record the person does not hold, or all of them', async () => {
    const personId = await personOf('dwp:EF111111A');
    for (const keys of [['dwp:GH222222B'], ['dwp:EF111111A'], ['nonsense']]) {
      const result = await identity.execute(
        `mutation ($id: ID!, $keys: [String!]!) { splitPerson(personId: $id, recordKeys: $keys) { id } }`,
        { id: personId, keys },
      );
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
