import { operationLabel } from './operation-metrics';

describe('operationLabel', () => {
  it('keeps plain operation names, and calls the rest other or anonymous', () => {
    expect(operationLabel('CohortOutcomes')).toBe('CohortOutcomes');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('Jane Smith 1970-01-01')).toBe('other');
    expect(operationLabel('x'.repeat(65))).toBe('other');
  });

  it('keeps at most 100 names, so a client cannot grow the series without bound', () => {
    const names = Array.from({ length: 150 }, (_, i) => `Operation${i}`).map(operationLabel);
    expect(new Set(names.filter((name) => name !== 'other')).size).toBeLessThanOrEqual(100);
    expect(names.at(-1)).toBe('other');
  });
});
