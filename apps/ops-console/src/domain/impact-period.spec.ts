import { IMPACT_PERIOD, monthsOf, periodGroups, periodsOfYear, quarterOf } from './impact-period';

describe('impact periods', () => {
  it.each([
    ['2026-11', ['2026-11']],
    ['2026-Q1', ['2026-01', '2026-02', '2026-03']],
    ['2026-Q4', ['2026-10', '2026-11', '2026-12']],
  ])('gives %s the months %j', (period, months) => {
    expect(monthsOf(period)).toEqual(months);
  });

  it('gives a year its twelve months', () => {
    expect(monthsOf('2026')).toHaveLength(12);
    expect(monthsOf('2026')[11]).toBe('2026-12');
  });

  it.each([
    ['2026-01', '2026-Q1'],
    ['2026-03', '2026-Q1'],
    ['2026-04', '2026-Q2'],
    ['2026-12', '2026-Q4'],
  ])('puts %s in %s', (month, quarter) => {
    expect(quarterOf(month)).toBe(quarter);
  });

  it.each([
    ['2026', true],
    ['2026-Q4', true],
    ['2026-11', true],
    ['2026-13', false],
    ['2026-Q5', false],
    ['2026-1', false],
    ['26-11', false],
  ])('reads %s as a period: %s', (period, valid) => {
    expect(IMPACT_PERIOD.test(period)).toBe(valid);
  });

  it('adds months up to quarters and quarters up to the year', () => {
    expect(periodsOfYear('2026')).toHaveLength(17);
    const groups = periodGroups('2026');
    expect(groups).toContainEqual({ total: '2026-Q2', parts: ['2026-04', '2026-05', '2026-06'] });
    expect(groups).toContainEqual({ total: '2026', parts: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'] });
  });
});
