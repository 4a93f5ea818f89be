import { DifferencingGuard, memberHash } from './differencing-guard';

const releases = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('DifferencingGuard', () => {
  const leeds = releases(1, 120);

  it('finds a cohort 4 releases short of one published before', () => {
    const guard = new DifferencingGuard();
    guard.remember(leeds);

    expect(guard.isolatesFew(leeds.slice(4), 10)).toBe(true);
    expect(guard.isolatesFew([...leeds, 500, 501], 10)).toBe(true);
    // Same size, two people swapped: four apart.
    expect(guard.isolatesFew([...leeds.slice(2), 700, 701], 10)).toBe(true);
  });

  it('lets through a cohort 20 releases short, the very same one, and one 10 apart', () => {
    const guard = new DifferencingGuard();
    guard.remember(leeds);

    expect(guard.isolatesFew(leeds.slice(20), 10)).toBe(false);
    expect(guard.isolatesFew([...leeds].reverse(), 10)).toBe(false);
    expect(guard.isolatesFew(leeds.slice(10), 10)).toBe(false);
    expect(guard.isolatesFew(leeds.slice(5), 5)).toBe(false);
    expect(guard.isolatesFew(leeds.slice(4), 5)).toBe(true);
  });

  it('counts each release once however often it is listed', () => {
    const guard = new DifferencingGuard();
    guard.remember([...leeds, ...leeds]);

    expect(guard.isolatesFew(leeds, 10)).toBe(false);
    expect(guard.isolatesFew(leeds.slice(1), 10)).toBe(true);
  });

  it('forgets the oldest cohorts past its cell and member limits', () => {
    const guard = new DifferencingGuard({ maxCells: 2, maxMembers: 250 });
    const [first, second, third] = [releases(0, 100), releases(1000, 100), releases(2000, 100)];
    guard.remember(first);
    guard.remember(second);
    guard.remember(first);
    guard.remember(third);

    expect(guard.size).toBe(2);
    expect(guard.isolatesFew(first.slice(1), 10)).toBe(true);
    expect(guard.isolatesFew(second.slice(1), 10)).toBe(false);

    guard.remember(releases(3000, 100));
    expect(guard.isolatesFew(first.slice(1), 10)).toBe(false);
  });

  it('agrees with a plain count of the symmetric difference, for any threshold', () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (Math.imul(seed, 48271) + 1) % 2 ** 31;
      return Math.abs(seed) % below;
    };
    const base = releases(0, 60);
    const vary = (cohort: number[]) =>
      cohort.filter(() => random(12) > 0).concat(releases(100 + random(400), random(4)));
    const remembered = Array.from({ length: 40 }, () => vary(base));
    const guard = new DifferencingGuard();
    remembered.forEach((cohort) => guard.remember(cohort));
    const apart = (a: number[], b: number[]) =>
      new Set([...a.filter((x) => !b.includes(x)), ...b.filter((x) => !a.includes(x))]).size;

    const answers: boolean[] = [];
    for (const threshold of [2, 5, 10, 20, 30]) {
      for (let k = 0; k < 60; k++) {
        const asked = k % 10 === 0 ? base.slice(0, random(threshold)) : vary(base);
        const expected = remembered.some((past) => {
          const d = apart(asked, past);
          return d > 0 && d < threshold;
        });
        expect(guard.isolatesFew(asked, threshold)).toBe(expected);
        answers.push(expected);
      }
    }
    expect(answers.filter(Boolean).length).toBeGreaterThan(30);
    expect(answers.filter((answer) => !answer).length).toBeGreaterThan(30);
  });

  it('does not remember an empty cohort', () => {
    const guard = new DifferencingGuard();
    guard.remember([]);

    expect(guard.size).toBe(0);
  });
});

describe('memberHash', () => {
  it('is deterministic, whole, and under 2^52', () => {
    const hash = memberHash('A1234BC/2026-03-14');

    expect(memberHash('A1234BC/2026-03-14')).toBe(hash);
    expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 52).toBe(true);
    expect(memberHash('A1234BC/2026-03-15')).not.toBe(hash);
  });

  it('gives 50,000 similar keys 50,000 hashes', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `A${i}BC/2026-03-14`);

    expect(new Set(keys.map(memberHash)).size).toBe(keys.length);
  });

  it('spreads keys over the high bits too', () => {
    const high = new Set(
      Array.from({ length: 1000 }, (_, i) => Math.floor(memberHash(`${i}`) / 2 ** 44)),
    );

    expect(high.size).toBeGreaterThan(200);
  });
});
