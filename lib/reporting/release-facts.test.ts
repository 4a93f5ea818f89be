import 'reflect-metadata';
import { medianOf, parseSpine } from './release-facts';

const histogram = (values: number[]) => {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

describe('medianOf', () => {
  it('is the middle value of an odd count, and the middle two averaged of an even one', () => {
    expect(medianOf(histogram([5, 1, 9]))).toEqual({ value: 5, n: 3 });
    expect(medianOf(histogram([30, 10, 20, 40]))).toEqual({ value: 25, n: 4 });
    expect(medianOf(histogram([7, 7, 7, 8]))).toEqual({ value: 7, n: 4 });
    expect(medianOf(histogram([1, 1, 2, 2]))).toEqual({ value: 1.5, n: 4 });
  });

  it('agrees with sorting the values out in full', () => {
    for (let trial = 0; trial < 200; trial++) {
      const values = Array.from({ length: 1 + (trial % 37) }, (_, i) => (i * 7919 + trial) % 61);
      const sorted = [...values].sort((a, b) => a - b);
      const n = sorted.length;
      const expected = (sorted[Math.floor((n - 1) / 2)] + sorted[Math.floor(n / 2)]) / 2;
      expect(medianOf(histogram(values))).toEqual({ value: expected, n });
    }
  });

  it('has no value over no releases', () => {
    expect(medianOf(new Map())).toEqual({ value: null, n: 0 });
    expect(medianOf(undefined)).toEqual({ value: null, n: 0 });
  });
});

describe('parseSpine', () => {
  it('refuses columns of different lengths, or missing, with what it needs', () => {
    const spine = JSON.stringify({ personKey: ['a'], released: [] });
    expect(() => parseSpine(spine)).toThrow(/personKey, released, received/);
    expect(() => parseSpine('not json')).toThrow(/not JSON/);
  });

  it('refuses a release without a person key or with a date not in YYYY-MM-DD', () => {
    const release = (personKey: string, released: string) =>
      JSON.stringify({
        personKey: [personKey],
        released: [released],
        received: ['2024-01-01'],
        month: [released.slice(0, 7)],
        establishment: ['HMP Leeds'],
        establishmentCode: ['LEI'],
        region: ['Yorkshire'],
        sex: ['MALE'],
        ageBand: ['AGE_25_TO_29'],
        releaseType: ['PAROLE'],
      });
    const key = '0123456789abcdef01234567';
    expect(parseSpine(release(key, '2025-03-01')).personKey).toEqual([key]);
    expect(() => parseSpine(release('Jane Smith', '2025-03-01'))).toThrow(/Release 0 needs/);
    expect(() => parseSpine(release(key, '1/3/2025'))).toThrow(/YYYY-MM-DD/);
  });
});
