import 'reflect-metadata';
import type { ExecutionResult } from 'graphql';
import { loadConfig } from '../../../lib/config';
import { createLogger } from '../../../lib/logger';
import { WORLD_DEFAULTS, World } from '../../../seed/world';
import { type SubgraphUnderTest, openSubgraph } from '../../../test/support/subgraph';
import { createContext } from '../context';
import { createIdentityDatabase } from '../database';
import { recordFeatures } from '../linking/features';
import { runFullLinkage } from '../linking/full-run';
import { LinkIndex, MAX_SEARCH_CANDIDATES } from '../linking/incremental';
import { LinkageService } from '../linking/linkage-service';
import { DEFAULT_THRESHOLDS, linkRecords } from '../linking/linker';
import type { ModelParameters } from '../linking/model';
import { RECORD_KIND, type SourceRecord, recordKey } from '../linking/source-record';
import { PersonLink } from '../person/person-link.entity';
import { StoredSourceRecord } from '../records/source-record.entity';
import { buildIdentitySchema } from '../schema';
import { parsePersonSearch } from './person-search.input';

/** The demo world's records, among which the hand-made people below are searched for. */
const POPULATION = [...new World(WORLD_DEFAULTS).people()].flatMap((batch) => batch.identities);

const record = (source: SourceRecord['source'], sourceId: string, fields: Partial<SourceRecord>) =>
  ({
    source,
    sourceId,
    givenName: 'Robert',
    familyName: 'Pemberton',
    dateOfBirth: '1984-03-09',
    nino: null,
    prisonNumber: null,
    pncNumber: null,
    postcode: null,
    ...fields,
  }) as SourceRecord;

/** One man known to DWP, the prison and probation. */
const ROBERT = {
  dwp: record('dwp', 'JX482913B', { nino: 'JX482913B', postcode: 'LS8 1LL' }),
  prison: record('prison', 'K7321QT', { prisonNumber: 'K7321QT', pncNumber: '2002/0471823D' }),
  probation: record('probation', 'K402913', {
    crn: 'K402913',
    nino: 'JX482913B',
    prisonNumber: 'K7321QT',
    pncNumber: '2002/0471823D',
  }),
};
/** Other people whose names look like his, each born on another day. */
const LOOKALIKES = [
  record('vcs', 'lookalike-roberta', { givenName: 'Roberta', dateOfBirth: '1990-06-21' }),
  record('vcs', 'lookalike-pembleton', { familyName: 'Pembleton', dateOfBirth: '1975-01-30' }),
  record('dwp', 'JX553210A', {
    nino: 'JX553210A',
    familyName: 'Pemberton-Hughes',
    dateOfBirth: '1968-12-02',
    postcode: 'M14 5TP',
  }),
];
const HAND_MADE = [...Object.values(ROBERT), ...LOOKALIKES];

const storedRow = (r: SourceRecord) => ({
  ...r,
  otherNames: r.otherNames?.length ? r.otherNames : null,
  postcode: r.postcode ?? null,
  crn: r.crn ?? null,
  updatedAt: '2026-11-01T00:00:00.000Z',
});

const PEOPLE = `query ($search: PersonSearch!, $first: Int, $after: String) {
  people(search: $search, first: $first, after: $after) {
    edges {
      cursor
      node {
        person { id givenName familyName }
        score matchProbability matchedRecord rule
        reasons { field level weight }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Result {
  person: { id: string; givenName: string; familyName: string };
  score: number;
  matchProbability: number;
  matchedRecord: string;
  rule: string | null;
  reasons: { field: string; level: string; weight: number }[];
}
interface Page {
  edges: { cursor: string; node: Result }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('people(search:)', () => {
  let identity: SubgraphUnderTest;
  /** Record key → the person id the full run gave it. */
  let personOf: Map<string, string>;

  beforeAll(async () => {
    identity = await openSubgraph(
      { createDatabase: createIdentityDatabase, buildSchema: buildIdentitySchema, createContext },
      [[StoredSourceRecord, [...POPULATION, ...HAND_MADE].map(storedRow)]],
    );
    await runFullLinkage(identity.database, DEFAULT_THRESHOLDS);
    const links = await identity.database.getRepository(PersonLink).find();
    const sourceOf = Object.fromEntries(Object.entries(RECORD_KIND).map(([s, k]) => [k, s]));
    personOf = new Map(links.map((l) => [`${sourceOf[l.recordKind]}:${l.recordId}`, l.personId]));
  });
  afterAll(() => identity.close());

  const robert = () => personOf.get(recordKey(ROBERT.dwp)) as string;

  async function search(
    fields: Record<string, unknown>,
    page: { first?: number; after?: string | null } = {},
  ): Promise<Page> {
    const result = await identity.execute(PEOPLE, { search: fields, ...page });
    expect(result.errors).toBeUndefined();
    return result.data?.people as Page;
  }

  const errorCodes = (result: ExecutionResult) =>
    result.errors?.map((error) => error.extensions?.code);

  it('links the hand-made man into one person and his lookalikes apart (the premise)', () => {
    expect(new Set(Object.values(ROBERT).map((r) => personOf.get(recordKey(r))))).toEqual(
      new Set([robert()]),
    );
    for (const lookalike of LOOKALIKES)
      expect(personOf.get(recordKey(lookalike))).not.toBe(robert());
  });

  it('puts the person holding an exact NINO first, settled by the rule', async () => {
    const { edges } = await search({ nino: 'jx 48 29 13 b' });

    expect(edges[0].node.person.id).toBe(robert());
    expect(edges[0].node.matchProbability).toBe(1);
    expect(edges[0].node.rule).toMatch(/nino agrees/);
    expect(edges[0].node.reasons).toEqual([
      { field: 'nino', level: 'EXACT', weight: expect.any(Number) },
    ]);
  });

  it('ranks him first for a misspelt family name with his date of birth', async () => {
    const { edges } = await search({
      givenName: 'Robert',
      familyName: 'Pembertom',
      dateOfBirth: '1984-03-09',
    });

    expect(edges[0].node.person.id).toBe(robert());
    expect(edges[0].node.reasons).toContainEqual(
      expect.objectContaining({ field: 'familyName', level: 'JARO_WINKLER_0_92' }),
    );
    expect(edges[0].node.matchProbability).toBeGreaterThan(0.9);
  });

  it('finds Robert when asked for "Bob"', async () => {
    const { edges } = await search({ givenName: 'Bob', familyName: 'Pemberton' });

    expect(edges[0].node.person.id).toBe(robert());
    expect(edges[0].node.reasons).toContainEqual(
      expect.objectContaining({ field: 'givenName', level: 'NICKNAME' }),
    );
  });

  it('finds him with the day and month of birth swapped, with or without a name', async () => {
    const named = await search({ familyName: 'Pemberton', dateOfBirth: '1984-09-03' });
    expect(named.edges[0].node.person.id).toBe(robert());
    expect(named.edges[0].node.reasons).toContainEqual(
      expect.objectContaining({ field: 'dateOfBirth', level: 'DAY_MONTH_SWAPPED' }),
    );

    const dateOnly = await search({ dateOfBirth: '1984-09-03' });
    expect(dateOnly.edges.map((e) => e.node.person.id)).toContain(robert());
  });

  it('ranks several people for a name alone, the exact match first', async () => {
    const { edges } = await search({ givenName: 'Robert', familyName: 'Pemberton' });
    const ids = edges.map((e) => e.node.person.id);

    expect(ids[0]).toBe(robert());
    expect(ids).toEqual(
      expect.arrayContaining(LOOKALIKES.map((r) => personOf.get(recordKey(r)) as string)),
    );
    expect(new Set(ids).size).toBe(ids.length);
    const scores = edges.map((e) => e.node.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(scores[1]);
    for (const edge of edges) expect(edge.node.matchProbability).toBeGreaterThanOrEqual(0.01);
  });

  it('walks the pages of a long result without overlap or gaps', async () => {
    const all = await search({ familyName: 'Jones' }, { first: 100 });
    expect(all.edges.length).toBeGreaterThan(6);
    expect(all.pageInfo.hasNextPage).toBe(false);

    const walked: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await search({ familyName: 'Jones' }, { first: 3, after });
      walked.push(...page.edges.map((e) => e.node.person.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);

    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toEqual(all.edges.map((e) => e.node.person.id));
  });

  it('finds the probation person by CRN, which no other field is needed for', async () => {
    const { edges } = await search({ crn: 'k402913' });
    expect(edges[0].node).toMatchObject({
      person: { id: robert() },
      matchedRecord: 'probation:K402913',
      matchProbability: 1,
      rule: expect.stringMatching(/crn agrees/),
    });

    const seeded = POPULATION.find((r) => r.source === 'probation') as SourceRecord;
    const found = await search({ crn: seeded.crn });
    expect(found.edges[0].node.person.id).toBe(personOf.get(recordKey(seeded)));
  });

  it.each([
    ['no field', { search: {} }, /givenName, familyName, dateOfBirth, postcode, nino/],
    ['blank fields only', { search: { givenName: ' ', nino: '' } }, /at least one of/],
    ['a malformed NINO', { search: { nino: 'AB12' } }, /National Insurance number/],
    ['a malformed PNC number', { search: { pncNumber: '02/12345' } }, /Police National/],
    ['a malformed CRN', { search: { crn: '123456' } }, /case reference number/],
    ['a one-letter name alone', { search: { familyName: 'J' } }, /at least 2 letters/],
    ['a cursor that is not one', { search: { nino: 'JX482913B' }, after: 'nonsense' }, /after/],
    ['first: 0', { search: { familyName: 'Jones' }, first: 0 }, /first must be/],
    ['first: 101', { search: { familyName: 'Jones' }, first: 101 }, /first must be/],
  ])('refuses %s with BAD_USER_INPUT', async (_, variables, message) => {
    const result = await identity.execute(PEOPLE, variables);

    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toMatch(message);
  });

  it("refuses another search's cursor with BAD_USER_INPUT", async () => {
    const jones = await search({ familyName: 'Jones' }, { first: 2 });
    const cursor = jones.pageInfo.endCursor;
    expect(cursor).toBeTruthy();

    const result = await identity.execute(PEOPLE, {
      search: { familyName: 'Smith' },
      after: cursor,
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it("serves search from the running linkage service's index, built once", async () => {
    const config = loadConfig({});
    const service = new LinkageService(
      identity.database,
      config,
      createLogger('test', { logLevel: 'silent' }),
      LinkageService.settings(config),
    );
    const index = await service.searchIndex();

    expect(index).not.toBeNull();
    expect(await service.searchIndex()).toBe(index);
    const [hit] = index?.search(parsePersonSearch({ nino: 'JX482913B' }).features) ?? [];
    expect(hit.personId).toBe(robert());
  });
});

describe('people(search:) before any linkage', () => {
  it('finds nobody rather than failing', async () => {
    const identity = await openSubgraph(
      { createDatabase: createIdentityDatabase, buildSchema: buildIdentitySchema, createContext },
      [],
    );
    try {
      const result = await identity.execute(PEOPLE, { search: { familyName: 'Jones' } });
      expect(result.errors).toBeUndefined();
      expect(result.data?.people).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    } finally {
      await identity.close();
    }
  });
});

describe('LinkIndex.search', () => {
  let parameters: ModelParameters;
  let index: LinkIndex;
  const assignment = new Map([
    ...POPULATION.map((r, i) => [recordKey(r), `population-${i}`] as [string, string]),
    ...Object.values(ROBERT).map((r) => [recordKey(r), 'robert'] as [string, string]),
  ]);
  beforeAll(() => {
    const records = [...POPULATION, ...Object.values(ROBERT)];
    parameters = linkRecords(records).parameters;
    index = new LinkIndex(parameters, records, assignment, DEFAULT_THRESHOLDS);
  });
  const query = (fields: Parameters<typeof parsePersonSearch>[0]) => parsePersonSearch(fields);

  it('scores only the few records its lookups name, never the whole index', () => {
    for (const fields of [
      { givenName: 'Robert', familyName: 'Pemberton' },
      { familyName: 'Pemberton', postcode: 'LS8 9ZZ' },
      { dateOfBirth: new Date('1984-09-03') },
      { familyName: 'Pemberton' },
      { crn: 'K402913' },
    ]) {
      const { features, crn } = query(fields);
      const candidates = index.searchCandidates(features, crn);

      expect({
        fields,
        robert: Object.values(ROBERT).some((r) => candidates.has(recordKey(r))),
      }).toEqual({ fields, robert: true });
      expect(candidates.size).toBeLessThan(index.size / 10);
    }
  });

  it('keeps its lookups current as records leave and come back', () => {
    const { features, crn } = query({ crn: 'K402913' });
    const key = recordKey(ROBERT.probation);

    index.remove(key);
    expect(index.search(features, crn).map((hit) => hit.record)).not.toContain(key);
    index.add(recordFeatures(ROBERT.probation), 'robert');
    expect(index.search(features, crn)[0]).toMatchObject({ personId: 'robert', record: key });
  });

  it(`scores at most ${MAX_SEARCH_CANDIDATES} records however common the name`, () => {
    const smiths = Array.from({ length: MAX_SEARCH_CANDIDATES + 500 }, (_, i) =>
      record('vcs', `smith-${i}`, { givenName: 'John', familyName: 'Smith', dateOfBirth: null }),
    );
    const crowded = new LinkIndex(
      parameters,
      smiths,
      new Map(smiths.map((r, i) => [recordKey(r), `smith-${i}`])),
      DEFAULT_THRESHOLDS,
    );
    const { features } = query({ givenName: 'John', familyName: 'Smith' });

    expect(crowded.searchCandidates(features).size).toBe(MAX_SEARCH_CANDIDATES);
    expect(crowded.search(features)).toHaveLength(MAX_SEARCH_CANDIDATES);
  });
});
