import { World, WORLD_DEFAULTS } from '../../../seed/world';
import { LinkIndex } from './incremental';
import { FIELDS, FIELD_NAMES, compareRecords } from './comparisons';
import { recordFeatures } from './features';
import {
  DEFAULT_THRESHOLDS,
  type StewardDecision,
  linkRecords,
  refineWithDecisions,
} from './linker';
import type { ModelParameters } from './model';
import { assignPersonIds } from './person-ids';
import { type SourceRecord, recordKey } from './source-record';

/**
 * The demo world's records: the population hand-made cases are linked among, so parameters and
 * name frequencies are what they would be in real life.
 */
const POPULATION = [...new World(WORLD_DEFAULTS).people()].flatMap((batch) => batch.identities);

function learntParameters(): ModelParameters {
  return linkRecords(POPULATION).parameters;
}

/** A name rare enough that name and date of birth alone make a confident match. */
const RARE = { givenName: 'Peregrine', familyName: 'Featherstonehaugh' };

const record = (source: SourceRecord['source'], sourceId: string, fields: Partial<SourceRecord>) =>
  ({
    source,
    sourceId,
    givenName: 'John',
    familyName: 'Smith',
    dateOfBirth: '1980-03-14',
    nino: null,
    prisonNumber: null,
    pncNumber: null,
    postcode: null,
    ...fields,
  }) as SourceRecord;

const JOHN = {
  dwp: record('dwp', 'AB123456C', { nino: 'AB123456C', postcode: 'LS8 1LL' }),
  prison: record('prison', 'A1234BC', { prisonNumber: 'A1234BC', pncNumber: '2000/1234567X' }),
  probation: record('probation', 'X123456', {
    prisonNumber: 'A1234BC',
    pncNumber: '2000/1234567X',
    nino: 'AB123456C',
  }),
  charity: record('vcs', 'v-1', {
    givenName: 'Johnny',
    postcode: 'LS8 1LL',
    prisonNumber: 'A1234BC',
  }),
};
/** Same common name and date of birth, different person. */
const NAMESAKE = record('dwp', 'CD654321A', { nino: 'CD654321A', postcode: 'M14 5TP' });

/** The clusters holding the hand-made records, as record keys. */
function clustersOf(records: SourceRecord[], result: ReturnType<typeof linkRecords>) {
  const all = [...POPULATION, ...records];
  return result.clusters
    .map((members) => members.filter((r) => r >= POPULATION.length))
    .filter((members) => members.length)
    .map((members) => members.map((r) => recordKey(all[r])).sort());
}

const linkOf = (result: ReturnType<typeof linkRecords>, handMade: number) =>
  result.links[POPULATION.length + handMade];

describe('linking records into people', () => {
  let parameters: ModelParameters;
  beforeAll(() => {
    parameters = learntParameters();
  });
  const link = (records: SourceRecord[], decisions: StewardDecision[] = []) =>
    linkRecords([...POPULATION, ...records], decisions, DEFAULT_THRESHOLDS, parameters);

  it('learns parameters that make agreement evidence for and disagreement evidence against', () => {
    for (const [field, m] of parameters.m.entries()) {
      const u = parameters.u[field];
      expect(Math.log2(m[0] / u[0])).toBeGreaterThan(0);
      expect(Math.log2(m[m.length - 1] / u[u.length - 1])).toBeLessThan(0);
    }
  });

  it("joins one person's four records, with a rule where a trusted identifier agrees", () => {
    const records = Object.values(JOHN);
    const result = link(records);

    expect(clustersOf(records, result)).toEqual([records.map(recordKey).sort()]);
    expect(linkOf(result, 0).status).toBe('RULE');
    const other = linkOf(result, 0).match?.otherRecord ?? -1;
    expect(result.explain(POPULATION.length, other).rule).toMatch(/agrees and nothing disagrees/);
  });

  it('never puts two NINOs from DWP in one person, even when a chain of links would', () => {
    // The probation record wrongly carries the namesake's NINO: it ties both claimants to John.
    const records = [...Object.values(JOHN), NAMESAKE].map((r) =>
      r === JOHN.probation ? { ...r, nino: NAMESAKE.nino } : r,
    );
    const result = link(records);
    const clusters = clustersOf(records, result);

    for (const cluster of clusters) {
      expect(cluster.filter((key) => key.startsWith('dwp:')).length).toBeLessThanOrEqual(1);
    }
    expect(result.reviews.map((r) => r.reason)).toContain('CONFLICTING_IDENTIFIERS');
  });

  it('sends a record that fits two people equally well to a steward instead of guessing', () => {
    const records = [
      record('dwp', 'EF111111A', { ...RARE, nino: 'EF111111A' }),
      record('dwp', 'GH222222B', { ...RARE, nino: 'GH222222B' }),
      record('vcs', 'v-2', RARE),
    ];
    const result = link(records);

    expect(clustersOf(records, result)).toContainEqual(['vcs:v-2']);
    expect(result.reviews.some((r) => r.reason === 'CONTESTED')).toBe(true);
  });

  it("keeps a steward's decisions on every re-run, both ways", () => {
    const stranger = record('vcs', 'v-3', {
      givenName: 'Jon',
      familyName: 'Smithe',
      dateOfBirth: '1979-11-02',
    });
    const records = [JOHN.dwp, JOHN.charity, stranger];
    const decisions: StewardDecision[] = [
      { kind: 'DIFFERENT_PEOPLE', recordA: recordKey(JOHN.dwp), recordB: recordKey(JOHN.charity) },
      { kind: 'SAME_PERSON', recordA: recordKey(JOHN.dwp), recordB: recordKey(stranger) },
    ];
    expect(clustersOf(records, link(records))).toContainEqual(['dwp:AB123456C', 'vcs:v-1']);

    for (let run = 0; run < 2; run++) {
      const result = link(records, decisions);
      expect(clustersOf(records, result)).toEqual(
        expect.arrayContaining([['dwp:AB123456C', 'vcs:v-3'], ['vcs:v-1']]),
      );
      expect(linkOf(result, 0).status).toBe('CONFIRMED');
    }
  });

  it('keeps person ids where the cluster is the same, and gives a new cluster a new one', () => {
    const first = assignPersonIds([['dwp:A', 'prison:B'], ['vcs:C']], new Map());
    const previous = new Map([
      ['dwp:A', first[0]],
      ['prison:B', first[0]],
      ['vcs:C', first[1]],
    ]);
    const second = assignPersonIds(
      [['vcs:C'], ['dwp:A', 'prison:B', 'vcs:D'], ['vcs:E']],
      previous,
    );

    expect(second[0]).toBe(first[1]);
    expect(second[1]).toBe(first[0]);
    expect(new Set(second).size).toBe(3);
    expect(assignPersonIds([['vcs:E']], new Map())).toEqual([second[2]]);
  });
});

describe('linking one arriving record', () => {
  let index: LinkIndex;
  beforeAll(() => {
    const parameters = learntParameters();
    const twins = [
      record('dwp', 'EF111111A', { ...RARE, nino: 'EF111111A' }),
      record('dwp', 'GH222222B', { ...RARE, nino: 'GH222222B' }),
    ];
    const records = [...POPULATION, JOHN.dwp, JOHN.prison, NAMESAKE, ...twins];
    index = new LinkIndex(
      parameters,
      records,
      new Map([
        ...POPULATION.map((r, i) => [recordKey(r), `population-${i}`] as [string, string]),
        [recordKey(JOHN.dwp), 'john'],
        [recordKey(JOHN.prison), 'john'],
        [recordKey(NAMESAKE), 'namesake'],
        [recordKey(twins[0]), 'peregrine-1'],
        [recordKey(twins[1]), 'peregrine-2'],
      ]),
      DEFAULT_THRESHOLDS,
    );
  });

  it('joins the person whose trusted identifier it carries', () => {
    const placement = index.place(JOHN.probation);
    expect(placement.personId).toBe('john');
    expect(placement.match?.explanation.rule).toBeTruthy();
  });

  it('starts a new person and queues reviews when it fits two people equally well', () => {
    const placement = index.place(record('vcs', 'v-9', RARE));
    expect(placement.personId).toBeNull();
    expect(placement.reviews.map((r) => r.reason)).toEqual(['CONTESTED', 'CONTESTED']);
  });

  it('starts a new person for someone nobody resembles', () => {
    const placement = index.place(
      record('vcs', 'v-10', {
        givenName: 'Priya',
        familyName: 'Chaudhry',
        dateOfBirth: '1995-06-30',
      }),
    );
    expect(placement).toEqual({ personId: null, match: null, reviews: [] });
  });
});

describe('steward decisions refine the model', () => {
  it('moves m towards what confirmed pairs show and u towards what rejected pairs show', () => {
    const parameters = linkRecords(POPULATION).parameters;
    const moved = record('vcs', 'moved', { postcode: 'M14 5TP', givenName: 'Johnny' });
    const features = [JOHN.dwp, moved, NAMESAKE, JOHN.charity].map(recordFeatures);
    const postcode = FIELD_NAMES.indexOf('postcode');
    const different = FIELDS.postcode.length - 1;

    const refined = refineWithDecisions(parameters, features, [
      { kind: 'SAME_PERSON', recordA: recordKey(JOHN.dwp), recordB: 'vcs:moved' },
      { kind: 'DIFFERENT_PEOPLE', recordA: recordKey(NAMESAKE), recordB: 'vcs:v-1' },
    ]);

    expect(refined.m[postcode][different]).toBeGreaterThan(parameters.m[postcode][different]);
    const rejected = compareRecords(features[2], features[3]).levels;
    expect(refined.u[0][rejected[0]]).toBeGreaterThan(parameters.u[0][rejected[0]]);
    expect(refined.m[postcode].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(refineWithDecisions(parameters, features, [])).toEqual(parameters);
  });
});
