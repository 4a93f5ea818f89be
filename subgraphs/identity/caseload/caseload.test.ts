import 'reflect-metadata';
import { pageOfSorted, sortByPlace } from '../../../lib/pagination';
import type { CaseloadReferral } from '../person-view/controller-facts';
import { caseloadRow, fitsReleaseWindow, placeIn, referralPerPerson } from './caseload';
import { CaseloadOrder } from './caseload.type';

const referral = (
  supportRecordId: string,
  referredOn: string,
  more: Partial<CaseloadReferral> = {},
): CaseloadReferral => ({
  supportRecordId,
  referralId: `${supportRecordId}-${referredOn}`,
  serviceKind: 'MENTORING',
  serviceName: 'Mentoring',
  status: 'ACTIVE',
  referredOn,
  ...more,
});

const release = (prisonNumber: string, releaseDate: string | null, expected: string | null) => ({
  prisonNumber,
  receptionDate: '2024-01-01',
  releaseDate,
  expectedReleaseDate: expected,
  releaseType: null,
  establishmentCode: 'LEI',
  establishmentName: 'HMP Leeds',
});

const today = '2026-11-24';

describe("a coordinator's caseload", () => {
  it('lists each person once, with their latest referral that fits the filter', () => {
    const personOf = new Map([
      ['s1', 'p1'],
      ['s2', 'p1'],
      ['s3', 'p2'],
    ]);
    const referrals = [
      referral('s1', '2026-01-01'),
      referral('s2', '2026-05-01', { serviceKind: 'TRAINING' }),
      referral('s3', '2026-02-01', { status: 'PENDING' }),
      referral('s4', '2026-02-01'), // linked to no one the caller may see
    ];
    const all = referralPerPerson(referrals, personOf, {});
    expect([...all].map(([p, r]) => [p, r.referralId])).toEqual([
      ['p1', 's2-2026-05-01'],
      ['p2', 's3-2026-02-01'],
    ]);
    const mentoring = referralPerPerson(referrals, personOf, { service: 'MENTORING' as never });
    expect(mentoring.get('p1')?.referralId).toBe('s1-2026-01-01');
    const pending = referralPerPerson(referrals, personOf, { status: 'PENDING' as never });
    expect([...pending.keys()]).toEqual(['p2']);
  });

  const rows = [
    caseloadRow('p1', referral('s1', '2026-01-01'), release('A1', null, '2026-12-04'), today),
    caseloadRow('p2', referral('s2', '2026-03-01'), release('A2', '2026-11-19', null), today),
    caseloadRow('p3', referral('s3', '2026-02-01'), undefined, today),
    caseloadRow('p4', referral('s4', '2026-04-01'), release('A4', '2025-06-01', null), today),
  ];

  it('counts days since release, negative while it is still to come', () => {
    expect(rows.map((r) => r.daysSinceRelease)).toEqual([-10, 5, null, 541]);
  });

  it.each([
    [CaseloadOrder.NEAREST_RELEASE, ['p2', 'p1', 'p4', 'p3']],
    [CaseloadOrder.RELEASE_DATE, ['p4', 'p2', 'p1', 'p3']],
    [CaseloadOrder.REFERRED_ON, ['p4', 'p2', 'p3', 'p1']],
  ])('sorts by %s', (order, expected) => {
    const place = placeIn(order);
    expect(sortByPlace([...rows], place).map((r) => r.personId)).toEqual(expected);
  });

  it('pages with cursors that hold their place when the list changes', () => {
    const place = placeIn(CaseloadOrder.NEAREST_RELEASE);
    const sorted = sortByPlace([...rows], place);
    const first = pageOfSorted(sorted, { first: 2 }, place);
    expect(first.edges.map((e) => e.node.personId)).toEqual(['p2', 'p1']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const shorter = sorted.filter((r) => r.personId !== 'p1');
    const next = pageOfSorted(shorter, { first: 2, after: first.pageInfo.endCursor }, place);
    expect(next.edges.map((e) => e.node.personId)).toEqual(['p4', 'p3']);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a cursor it did not make, and a page size out of range', () => {
    const place = placeIn(CaseloadOrder.RELEASE_DATE);
    expect(() => pageOfSorted(rows, { first: 2, after: 'nonsense' }, place)).toThrow(
      'after must be an endCursor',
    );
    const forged = Buffer.from(JSON.stringify([{}, 1])).toString('base64url');
    expect(() => pageOfSorted(rows, { first: 2, after: forged }, place)).toThrow('endCursor');
    expect(() => pageOfSorted(rows, { first: 101 }, place)).toThrow('from 1 to 100');
  });

  it('keeps only releases inside the window, and no one without a release', () => {
    const window = { releaseFrom: '2026-11-01', releaseTo: '2026-12-31' };
    expect(rows.filter((r) => fitsReleaseWindow(r, window)).map((r) => r.personId)).toEqual([
      'p1',
      'p2',
    ]);
    expect(rows.filter((r) => fitsReleaseWindow(r, {})).length).toBe(4);
    // As the Date scalar gives them.
    const asDates = { releaseFrom: new Date('2026-11-01'), releaseTo: new Date('2026-12-31') };
    expect(rows.filter((r) => fitsReleaseWindow(r, asDates)).map((r) => r.personId)).toEqual([
      'p1',
      'p2',
    ]);
  });
});
