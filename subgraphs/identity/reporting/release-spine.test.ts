import 'reflect-metadata';
import type { ReleaseSpine } from '../../../lib/reporting/release-facts';
import { type SpineFilter, SnapshotSpine } from './release-spine';

type Release = [key: string, released: string, code: string, sex: string];

function spineOf(releases: Release[]): ReleaseSpine {
  const column = (pick: (release: Release) => string) => releases.map(pick);
  return {
    personKey: column(([key]) => key),
    released: column(([, released]) => released),
    received: column(() => '2020-01-01'),
    month: column(([, released]) => released.slice(0, 7)),
    establishment: column(([, , code]) => `HMP ${code}`),
    establishmentCode: column(([, , code]) => code),
    region: column(() => 'North East'),
    sex: column(([, , , sex]) => sex),
    ageBand: column(() => 'AGE_25_TO_29'),
    releaseType: column(() => 'PAROLE'),
  };
}

describe('SnapshotSpine', () => {
  const builder = SnapshotSpine.builder(7);
  const first = builder.add(
    spineOf([
      ['b', '2025-06-30', 'LDS', 'MALE'],
      ['a', '2025-01-02', 'LDS', 'FEMALE'],
      // The same person's second record, released the same day: one release.
      ['a', '2025-01-02', 'WDI', 'FEMALE'],
    ]),
  );
  builder.add(
    spineOf([
      ['c', '2026-03-01', 'WDI', 'MALE'],
      ['a', '2026-02-28', 'LDS', 'FEMALE'],
    ]),
  );
  const spine = builder.build();

  const keysOf = (positions: number[]) => positions.map((at) => spine.releases.personKey[at]);
  const datesOf = (positions: number[]) => positions.map((at) => spine.releases.released[at]);

  it('gives back each slice in date order, each person and day once', () => {
    expect(first.personKey).toEqual(['a', 'b']);
    expect(first.establishmentCode).toEqual(['LDS', 'LDS']);
    expect(spine.size).toBe(4);
    expect(spine.snapshot).toBe(7);
    expect(spine.memberHashes).toHaveLength(4);
  });

  it('selects a period by its first and last days, both included', () => {
    const period = (from: string, to: string) => spine.select({ from, to, where: {} }, []).total;
    expect(keysOf(period('2025-01-02', '2026-02-28'))).toEqual(['a', 'b', 'a']);
    expect(datesOf(period('2025-01-03', '2026-02-27'))).toEqual(['2025-06-30']);
    expect(period('2027-01-01', '2027-12-31')).toEqual([]);
  });

  it('narrows by establishment code and sex together, and by a value never seen to nothing', () => {
    const narrowed = (where: SpineFilter['where']) =>
      datesOf(spine.select({ from: '2025-01-01', to: '2026-12-31', where }, []).total);
    expect(narrowed({ establishmentCode: 'LDS', sex: 'FEMALE' })).toEqual([
      '2025-01-02',
      '2026-02-28',
    ]);
    expect(narrowed({ establishmentCode: 'XXX' })).toEqual([]);
  });

  it('groups by the values of the columns given, each group once', () => {
    const { groups } = spine.select({ from: '2025-01-01', to: '2026-12-31', where: {} }, [
      'establishment',
      'sex',
    ]);
    expect(groups.map(({ values, positions }) => [values, keysOf(positions)])).toEqual([
      [
        ['HMP LDS', 'FEMALE'],
        ['a', 'a'],
      ],
      [['HMP LDS', 'MALE'], ['b']],
      [['HMP WDI', 'MALE'], ['c']],
    ]);
  });
});
