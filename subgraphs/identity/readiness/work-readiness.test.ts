import 'reflect-metadata';
import { Controller } from '../person-view/controller-facts';
import {
  ESSENTIAL,
  type SourcedFact,
  checklist,
  latestRelease,
  overallStatus,
  releaseWithin12Weeks,
} from './work-readiness';
import { WorkReadinessItemKind as Item, WorkReadinessStatus } from './work-readiness.type';

const fact = (
  item: string,
  status: string,
  source: Controller,
  more: Partial<SourcedFact> = {},
): SourcedFact => ({
  recordId: 'r1',
  item,
  status,
  detail: null,
  recordedBy: null,
  recordedAt: null,
  source,
  ...more,
});

const allEssential = ESSENTIAL.map((item) =>
  fact(item, 'COMPLETED', item === Item.ID ? Controller.MOJ : Controller.VCS),
);

describe('the readiness checklist', () => {
  it('lists every item in working order, NOT_STARTED from its holder when no one has it', () => {
    const items = checklist([]);
    expect(items.map((i) => i.item)).toEqual(Object.values(Item));
    expect(items.every((i) => i.status === 'NOT_STARTED')).toBe(true);
    const holder = Object.fromEntries(items.map((i) => [i.item, i.source]));
    expect(holder).toMatchObject({
      ID: 'MOJ',
      BANK_ACCOUNT: 'MOJ',
      HOUSING_ON_RELEASE: 'MOJ',
      UC_CLAIM: 'DWP',
      CV: 'VCS',
      INTERVIEW_CLOTHING: 'VCS',
    });
  });

  it('takes the furthest along of several charities, the latest when level', () => {
    const items = checklist([
      fact('CV', 'IN_PROGRESS', Controller.VCS, { recordedAt: '2026-03-01', recordedBy: 'a' }),
      fact('CV', 'COMPLETED', Controller.VCS, { recordedAt: '2026-01-01', recordedBy: 'b' }),
      fact('PHONE', 'IN_PROGRESS', Controller.VCS, { recordedAt: '2026-01-01', recordedBy: 'c' }),
      fact('PHONE', 'IN_PROGRESS', Controller.VCS, { recordedAt: '2026-02-01', recordedBy: 'd' }),
    ]);
    const byItem = Object.fromEntries(items.map((i) => [i.item, i]));
    expect(byItem.CV).toMatchObject({ status: 'COMPLETED', recordedBy: 'b' });
    expect(byItem.PHONE).toMatchObject({ status: 'IN_PROGRESS', recordedBy: 'd' });
  });

  it('keeps the detail and the source, e.g. which ID document the prison holds', () => {
    const [id] = checklist([fact('ID', 'COMPLETED', Controller.MOJ, { detail: 'PASSPORT' })]);
    expect(id).toMatchObject({ item: 'ID', detail: 'PASSPORT', source: 'MOJ' });
  });

  it('ignores facts that are not checklist items', () => {
    const items = checklist([fact('RIGHT_TO_WORK', 'COMPLETED', Controller.MOJ)]);
    expect(items).toHaveLength(Object.values(Item).length);
  });
});

describe('the overall status', () => {
  const status = (facts: SourcedFact[], supportRecords = 1) =>
    overallStatus(checklist(facts), facts, supportRecords);

  it('is ready to work when every essential item is done, whatever the others', () => {
    expect(status(allEssential)).toEqual({
      status: WorkReadinessStatus.READY_TO_WORK,
      reason: 'Every essential item is done.',
    });
  });

  it('says which essential items are still to do', () => {
    const result = status(allEssential.filter((f) => f.item !== 'BANK_ACCOUNT'));
    expect(result).toEqual({
      status: WorkReadinessStatus.SUPPORT_NEEDED,
      reason: 'Still to do: bank account.',
    });
  });

  it('puts a recorded lack of right to work before anything else', () => {
    const none = fact('RIGHT_TO_WORK', 'COMPLETED', Controller.MOJ, { detail: 'NONE' });
    expect(status([...allEssential, none]).status).toBe(WorkReadinessStatus.NO_RIGHT_TO_WORK);
    const confirmed = { ...none, detail: 'CONFIRMED' };
    expect(status([...allEssential, confirmed]).status).toBe(WorkReadinessStatus.READY_TO_WORK);
  });

  it('is declined when the prison says so, or when every charity does', () => {
    const declined = (source: Controller) =>
      fact('SUPPORT', 'COMPLETED', source, { detail: 'DECLINED' });
    expect(status([declined(Controller.MOJ)]).status).toBe(WorkReadinessStatus.SUPPORT_DECLINED);
    expect(status([declined(Controller.VCS)], 1).status).toBe(WorkReadinessStatus.SUPPORT_DECLINED);
    // One charity of two declined: the other is still helping.
    expect(status([declined(Controller.VCS)], 2).status).toBe(WorkReadinessStatus.SUPPORT_NEEDED);
  });
});

describe('release within 12 weeks', () => {
  const release = (expectedReleaseDate: string | null, releaseDate: string | null = null) => ({
    prisonNumber: 'A1234BC',
    receptionDate: '2025-01-01',
    releaseDate,
    expectedReleaseDate,
    releaseType: null,
    establishmentCode: 'LEI',
    establishmentName: 'HMP Leeds',
  });

  it.each([
    ['2026-11-24', true],
    ['2027-02-16', true],
    ['2027-02-17', false],
    ['2026-11-23', false],
  ])('is %s → %s for someone in custody on 2026-11-24', (expected, within) => {
    expect(releaseWithin12Weeks(release(expected), '2026-11-24')).toBe(within);
  });

  it('is worked out from the latest of several custody periods', () => {
    const earlier = { ...release(null, '2020-01-01'), receptionDate: '2019-01-01' };
    const current = release('2026-12-01');
    expect(latestRelease([earlier, current])).toBe(current);
    expect(latestRelease([current, earlier])).toBe(current);
    expect(latestRelease([])).toBeUndefined();
  });

  it('is false once released, with no date, or never in custody', () => {
    expect(releaseWithin12Weeks(release('2026-12-01', '2026-11-20'), '2026-11-24')).toBe(false);
    expect(releaseWithin12Weeks(release(null), '2026-11-24')).toBe(false);
    expect(releaseWithin12Weeks(undefined, '2026-11-24')).toBe(false);
  });
});
