import { WeightedLru } from './weighted-lru';

describe('a weighted LRU', () => {
  it('lets the least recently used go once the weights pass the most, never the newest', () => {
    const kept = new WeightedLru<string>(10);
    kept.set('a', 'A', 4);
    kept.set('b', 'B', 4);
    expect(kept.get('a')).toBe('A');
    kept.set('c', 'C', 4);
    expect([kept.get('a'), kept.get('b'), kept.get('c')]).toEqual(['A', undefined, 'C']);
    kept.set('huge', 'H', 50);
    expect([kept.get('a'), kept.get('c'), kept.get('huge')]).toEqual([undefined, undefined, 'H']);
  });

  it('weighs a value later, and only while its key still holds it', () => {
    const kept = new WeightedLru<string>(10);
    kept.set('a', 'A', 0);
    kept.set('b', 'B', 0);
    kept.weigh('a', 'old', 100);
    expect(kept.get('a')).toBe('A');
    kept.weigh('b', 'B', 8);
    kept.weigh('a', 'A', 8);
    expect([kept.get('a'), kept.get('b')]).toEqual(['A', undefined]);
  });

  it('replaces, deletes only the value asked about, and clears', () => {
    const kept = new WeightedLru<string>(10);
    kept.set('a', 'A', 6);
    kept.set('a', 'A2', 6);
    kept.set('b', 'B', 4);
    expect(kept.get('a')).toBe('A2');
    kept.delete('a', 'A');
    expect(kept.get('a')).toBe('A2');
    kept.delete('a');
    kept.set('c', 'C', 6);
    expect(kept.get('b')).toBe('B');
    kept.clear();
    expect(kept.get('b')).toBeUndefined();
  });
});
