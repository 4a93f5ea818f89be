import { World, WORLD_DEFAULTS } from '../../../seed/world';
import { BLOCKING_RULES, candidatePairs } from './blocking';
import { recordFeatures } from './features';

describe('blocking', () => {
  const records = [...new World(WORLD_DEFAULTS).people()]
    .flatMap((batch) => batch.identities)
    .map(recordFeatures);
  const pairs = candidatePairs(records);

  it('yields each candidate pair once, whichever rules and keys it shares', () => {
    const seen = new Set<string>();
    for (let p = 0; p < pairs.count; p++) seen.add(`${pairs.left[p]}:${pairs.right[p]}`);
    expect(seen.size).toBe(pairs.count);
  });

  it('never pairs two records from one authoritative source', () => {
    for (let p = 0; p < pairs.count; p++) {
      const [a, b] = [records[pairs.left[p]].record, records[pairs.right[p]].record];
      if (a.source === b.source) expect(a.source).toBe('vcs');
    }
  });

  it('compares a few pairs per record, not every pair', () => {
    expect(pairs.count).toBeLessThan(records.length * 3);
    expect(pairs.count).toBeGreaterThan(records.length / 2);
  });

  it('marks every rule each pair shares a key under', () => {
    for (let p = 0; p < Math.min(pairs.count, 200); p++) {
      const [a, b] = [records[pairs.left[p]], records[pairs.right[p]]];
      BLOCKING_RULES.forEach((rule, r) => {
        const shares = rule.keys(a).some((key) => rule.keys(b).includes(key));
        expect(Boolean(pairs.rules[p] & (1 << r))).toBe(shares);
      });
    }
  });
});
