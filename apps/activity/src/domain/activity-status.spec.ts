import {
  nextActivityStatus,
  takesPlacements,
  type ActivityCommand,
  type ActivityStatus,
} from './activity-status';

describe('activity status', () => {
  it.each<[ActivityStatus, ActivityCommand, ActivityStatus]>([
    ['draft', 'publish', 'open'],
    ['paused', 'publish', 'open'],
    ['open', 'pause', 'paused'],
    ['draft', 'close', 'closed'],
    ['open', 'close', 'closed'],
    ['paused', 'close', 'closed'],
  ])('%s --%s--> %s', (from, command, to) => {
    expect(nextActivityStatus(from, command)).toBe(to);
  });

  it.each<[ActivityStatus, ActivityCommand]>([
    ['open', 'publish'],
    ['draft', 'pause'],
    ['closed', 'publish'],
    ['closed', 'pause'],
    ['closed', 'close'],
  ])('refuses %s --%s--> as an illegal transition', (from, command) => {
    expect(() => nextActivityStatus(from, command)).toThrow(
      expect.objectContaining({ code: 'illegal-transition', kind: 'state-conflict' }),
    );
  });

  it('takes new placements only while open', () => {
    expect((['draft', 'open', 'paused', 'closed'] as const).filter(takesPlacements)).toEqual(['open']);
  });
});
