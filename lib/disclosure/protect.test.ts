import { DifferencingGuard } from './differencing-guard';
import { protect } from './protect';
import type { ProtectedValue, RawCell, RawTable } from './table';

const shown = (value: number): ProtectedValue => ({ value, suppressed: null });
const low = { value: null, suppressed: 'LOW_COUNT' };
const secondary = { value: null, suppressed: 'SECONDARY' };
const lowBase = { value: null, suppressed: 'LOW_BASE' };
const differencing = { value: null, suppressed: 'DIFFERENCING' };

let nextMember = 0;
/** A cell of `releases` fresh people, `jobStarts` of whom started work. */
function cell(
  group: Record<string, string>,
  releases: number,
  jobStarts: number,
  daysToJob: { value: number | null; n: number } = { value: null, n: 0 },
): RawCell {
  const members = Array.from({ length: releases }, () => nextMember++);
  return { group, counts: { releases, jobStarts }, medians: { daysToJob }, members };
}

/** The total of `rows`: counts added, members joined. */
function totalOf(rows: RawCell[], daysToJob: { value: number | null; n: number }): RawCell {
  const sum = (measure: string) => rows.reduce((total, row) => total + row.counts[measure], 0);
  const members = rows.flatMap((row) => row.members);
  const counts = { releases: sum('releases'), jobStarts: sum('jobStarts') };
  return { group: {}, counts, medians: { daysToJob }, members };
}

function table(dimensions: string[], rows: RawCell[], daysToJob = { value: 38, n: 51 }): RawTable {
  return {
    dimensions,
    counts: [{ name: 'releases' }, { name: 'jobStarts', denominator: 'releases' }],
    medians: [{ name: 'daysToJob' }],
    rows,
    total: totalOf(rows, daysToJob),
  };
}

const establishments = (rows: [string, number, number, { value: number | null; n: number }?][]) =>
  table(
    ['establishment'],
    rows.map(([establishment, releases, jobStarts, days]) =>
      cell({ establishment }, releases, jobStarts, days),
    ),
  );

describe('protect, one dimension', () => {
  const leeds = establishments([
    ['HMP Leeds', 120, 31, { value: 41.5, n: 31 }],
    ['HMP Hull', 43, 6, { value: 20, n: 6 }],
    ['HMP Wealstun', 7, 2],
    ['HMP Doncaster', 64, 12, { value: 30, n: 12 }],
  ]);
  const published = protect(leeds);
  const column = (kind: 'counts' | 'rates' | 'medians', name: string) =>
    published.rows.map((row) => row[kind][name]);

  it('withholds counts under 10 and the smallest other count in their line', () => {
    expect(column('counts', 'releases')).toEqual([shown(120), secondary, low, shown(65)]);
    expect(published.total.counts.releases).toEqual(shown(235));
  });

  it('needs no secondary suppression where a line already withholds two counts', () => {
    expect(column('counts', 'jobStarts')).toEqual([shown(30), low, low, shown(10)]);
    expect(published.total.counts.jobStarts).toEqual(shown(50));
  });

  it('works rates out from the rounded counts, withheld with their base or numerator', () => {
    expect(column('rates', 'jobStarts')).toEqual([shown(25), secondary, lowBase, shown(15.4)]);
    expect(published.total.rates).toEqual({ jobStarts: shown(21.3) });
  });

  it('rounds medians to whole numbers and withholds those over fewer than 10 values', () => {
    expect(column('medians', 'daysToJob')).toEqual([shown(42), lowBase, lowBase, shown(30)]);
    expect(published.total.medians.daysToJob).toEqual(shown(38));
  });

  it('withholds a true zero like any other small count', () => {
    const none = establishments([
      ['HMP Leeds', 120, 0],
      ['HMP Hull', 43, 15],
    ]);
    const { rows } = protect(none);

    expect(rows[0].counts.jobStarts).toEqual(low);
    expect(rows[0].rates.jobStarts).toEqual(low);
    expect(rows[1].counts.jobStarts).toEqual(secondary);
  });

  it('withholds the total when two small counts could be added back from it', () => {
    // 9 + 9 = 18, shown as 20: both at most 9, so both exactly 9 unless the total is withheld.
    const { rows, total } = protect(
      establishments([
        ['HMP Hull', 9, 0],
        ['HMP Wealstun', 9, 0],
      ]),
    );

    expect(rows.map((row) => row.counts.releases)).toEqual([low, low]);
    expect(total.counts.releases).toEqual(secondary);
  });

  it('withholds every row when the total is withheld', () => {
    const { rows, total } = protect(
      establishments([
        ['HMP Leeds', 30, 4],
        ['HMP Hull', 0, 0],
        ['HMP Wealstun', 5, 5],
      ]),
    );

    expect(total.counts.jobStarts).toEqual(low);
    expect(rows.map((row) => row.counts.jobStarts)).toEqual([low, low, low]);
    expect(total.rates.jobStarts).toEqual(low);
  });

  it('takes thresholds and bases from the rules: 5 and 3', () => {
    const { rows, total } = protect(
      establishments([
        ['HMP Leeds', 3, 0],
        ['HMP Hull', 8, 0],
        ['HMP Wealstun', 12, 0],
        ['HMP Doncaster', 6, 0],
      ]),
      { threshold: 5, base: 3 },
    );

    expect(rows.map((row) => row.counts.releases)).toEqual([low, shown(9), shown(12), secondary]);
    expect(total.counts.releases).toEqual(shown(30));
  });
});

describe('protect, month by establishment', () => {
  //          Leeds  Hull  Wealstun
  // 2026-03    60    25      4
  // 2026-04    55    30     16
  const grid: [string, string, number][] = [
    ['2026-03', 'HMP Leeds', 60],
    ['2026-03', 'HMP Hull', 25],
    ['2026-03', 'HMP Wealstun', 4],
    ['2026-04', 'HMP Leeds', 55],
    ['2026-04', 'HMP Hull', 30],
    ['2026-04', 'HMP Wealstun', 16],
  ];
  const rows = grid.map(([month, establishment, releases]) =>
    cell({ month, establishment }, releases, Math.floor(releases / 2)),
  );
  const published = protect(table(['month', 'establishment'], rows));
  const releases = published.rows.map((row) => row.counts.releases);

  it('withholds a second cell in every line, across months and establishments', () => {
    // March's line needs Hull's 25; Wealstun's and Hull's need April's too.
    expect(releases).toEqual([shown(60), secondary, low, shown(55), secondary, secondary]);
    expect(published.total.counts.releases).toEqual(shown(190));
  });

  it('keeps each row its group', () => {
    expect(published.rows[2].group).toEqual({ month: '2026-03', establishment: 'HMP Wealstun' });
    expect(published.total.group).toEqual({});
  });

  it('protects each count measure on its own', () => {
    // jobStarts: 30 12 2 / 27 15 8. Wealstun's line withholds two already; each month's needs
    // a second, Hull's.
    const jobStarts = published.rows.map((row) => row.counts.jobStarts);

    expect(jobStarts).toEqual([shown(30), secondary, low, shown(25), secondary, low]);
  });
});

describe('protect with a differencing guard', () => {
  it('withholds a cell within a few releases of one published before, and remembers only what it shows', () => {
    const guard = new DifferencingGuard();
    const march = cell({ establishment: 'HMP Leeds' }, 120, 30, { value: 40, n: 30 });
    const otherPeople = cell({ establishment: 'HMP Hull' }, 50, 20);
    protect(table(['establishment'], [march, otherPeople]), undefined, guard);

    const fourFewer = {
      ...march,
      counts: { releases: 116, jobStarts: 29 },
      members: march.members.slice(4),
    };
    const again = protect(table(['establishment'], [fourFewer, otherPeople]), undefined, guard);

    expect(again.rows[0].counts).toEqual({ releases: differencing, jobStarts: differencing });
    expect(again.rows[0].rates.jobStarts).toEqual(differencing);
    expect(again.rows[0].medians.daysToJob).toEqual(differencing);
    // The total too is 4 away from the one before (166 and 170), so every row goes with it.
    expect(again.total.counts.releases).toEqual(differencing);
    expect(again.rows[1].counts.releases).toEqual(secondary);
  });

  it('publishes a cell 20 releases from one published before, or the very same cell again', () => {
    const guard = new DifferencingGuard();
    const leeds = cell({ establishment: 'HMP Leeds' }, 120, 30);
    protect(table(['establishment'], [leeds]), undefined, guard);
    const twentyFewer = {
      ...leeds,
      counts: { releases: 100, jobStarts: 25 },
      members: leeds.members.slice(20),
    };

    expect(protect(table([], [twentyFewer]), undefined, guard).total.counts.releases).toEqual(
      shown(100),
    );
    expect(protect(table([], [leeds]), undefined, guard).total.counts.releases).toEqual(shown(120));
  });
});
