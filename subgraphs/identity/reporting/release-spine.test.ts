import 'reflect-metadata';
import type { ReleaseSpine } from '../../../lib/reporting/release-facts';
import { SnapshotSpine } from './release-spine';

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

  it('gives back each slice in date order, each person and day once', () => {
    expect(first.personKey).toEqual(['a', 'b']);
    expect(first.establishmentCode).toEqual(['LDS', 'LDS']);
    expect(spine.size).toBe(4);
    expect(spine.snapshot).toBe(7);
  });

  it('selects a period by its first and last days, both included', () => {
    expect(spine.select({ from: '2025-01-02', to: '2026-02-28' }).personKey).toEqual([
      'a',
      'b',
      'a',
    ]);
    expect(spine.select({ from: '2025-01-03', to: '2026-02-27' }).released).toEqual(['2025-06-30']);
    expect(spine.select({ from: '2027-01-01', to: '2027-12-31' }).personKey).toEqual([]);
  });

  it('narrows by establishment code and sex together', () => {
    const chosen = spine.select({
      from: '2025-01-01',
      to: '2026-12-31',
      establishment: 'LDS',
      sex: 'FEMALE',
    });
    expect(chosen.released).toEqual(['2025-01-02', '2026-02-28']);
    expect(chosen.establishment).toEqual(['HMP LDS', 'HMP LDS']);
  });
});
