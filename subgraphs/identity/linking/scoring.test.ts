import { compareRecords } from './comparisons';
import { recordFeatures } from './features';
import { startingParameters } from './model';
import { MatchScorer, deterministicRule, termFrequencies } from './scoring';
import type { SourceRecord } from './source-record';

const record = (sourceId: string, familyName: string, fields: Partial<SourceRecord> = {}) =>
  recordFeatures({
    source: 'vcs',
    sourceId,
    givenName: 'Alex',
    familyName,
    dateOfBirth: '1990-01-02',
    nino: null,
    prisonNumber: null,
    pncNumber: null,
    ...fields,
  });

describe('match weights', () => {
  const u = startingParameters([]).m.map((row) => row.map(() => 1 / row.length));
  const parameters = { ...startingParameters(u), lambda: 0.001 };

  it('counts an agreeing rare family name for more than an agreeing common one', () => {
    const population = [
      ...Array.from({ length: 50 }, (_, i) => record(`smith-${i}`, 'Smith')),
      record('rare-1', 'Featherstonehaugh'),
      record('rare-2', 'Featherstonehaugh'),
    ];
    const scorer = new MatchScorer(parameters, termFrequencies(population));
    const weight = (a: number, b: number) =>
      scorer.weight(
        compareRecords(population[a], population[b]).levels,
        population[a],
        population[b],
      );

    expect(weight(50, 51)).toBeGreaterThan(weight(0, 1) + 3);
  });

  it('explains every compared field and leaves out the missing ones', () => {
    const scorer = new MatchScorer(parameters);
    const [a, b] = [record('a', 'Smith'), record('b', 'Smith', { dateOfBirth: null })];
    const explanation = scorer.explain(compareRecords(a, b), a, b);

    expect(explanation.reasons.map((r) => r.field)).toEqual(['givenName', 'familyName']);
    expect(explanation.probability).toBeGreaterThan(0);
    expect(explanation.probability).toBeLessThan(1);
  });

  it('decides by rule only when an identifier agrees and nothing disagrees', () => {
    const rule = (fields: Partial<SourceRecord>) => {
      const [a, b] = [record('a', 'Smith', { nino: 'AB123456C' }), record('b', 'Smith', fields)];
      return deterministicRule(compareRecords(a, b).levels);
    };
    expect(rule({ nino: 'AB123456C' })).toBe('nino agrees and nothing disagrees');
    expect(rule({ nino: 'AB123456C', dateOfBirth: '1971-08-30' })).toBeNull();
    expect(rule({ nino: 'AB123456C', prisonNumber: 'A1234BC', pncNumber: null })).toBe(
      'nino agrees and nothing disagrees',
    );
    expect(rule({ nino: 'ZZ999999D' })).toBeNull();
  });
});
