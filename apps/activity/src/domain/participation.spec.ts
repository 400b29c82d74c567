import { attendanceRate, retention, stillParticipating } from './participation';

const start = new Date('2026-01-05T12:00:00Z'); // a Monday

describe('attendance and participation', () => {
  it.each([
    [[], null],
    [['present', 'present', 'absent', 'excused'], 0.667], // 2 present of 3 counted: excused does not count
    [['excused'], null],
    [['absent'], 0],
  ] as const)('attendance rate of %p is %p', (statuses, rate) => {
    const sessions = statuses.map((status, i) => ({ sessionDate: `2026-01-${String(10 + i)}`, status }));
    expect(attendanceRate(sessions)).toBe(rate);
  });

  it('still takes part after 4 weeks when present on or after start + 28 days', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(stillParticipating(start, 4, [{ sessionDate: '2026-02-02', status: 'present' }], now)).toBe(true);
    expect(stillParticipating(start, 4, [{ sessionDate: '2026-02-01', status: 'present' }], now)).toBe(false);
    expect(stillParticipating(start, 4, [{ sessionDate: '2026-02-09', status: 'absent' }], now)).toBe(false);
  });

  it('cannot tell before the weeks have passed', () => {
    expect(stillParticipating(start, 8, [], new Date('2026-02-15T00:00:00Z'))).toBeNull();
  });

  it('aggregates retention at 4, 8 and 12 weeks over the placements old enough', () => {
    const now = new Date('2026-03-10T00:00:00Z'); // 9 weeks and 1 day after start
    const figures = retention(
      [
        { start, sessions: [{ sessionDate: '2026-03-02', status: 'present' }] }, // week 8: yes
        { start, sessions: [{ sessionDate: '2026-02-03', status: 'present' }] }, // week 4 only
        { start: new Date('2026-03-01T00:00:00Z'), sessions: [] }, // too recent for any
      ],
      now,
    );
    expect(figures).toEqual([
      { weeks: 4, eligible: 2, participating: 2, rate: 1 },
      { weeks: 8, eligible: 2, participating: 1, rate: 0.5 },
      { weeks: 12, eligible: 0, participating: 0, rate: null },
    ]);
  });
});
