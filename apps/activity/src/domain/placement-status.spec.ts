import {
  placementTransition,
  seatDelta,
  type PlacementCommand,
  type PlacementStatus,
} from './placement-status';

describe('placement status', () => {
  it.each<[PlacementStatus, PlacementCommand, PlacementStatus]>([
    ['held', 'confirm', 'confirmed'],
    ['held', 'release', 'released'],
    ['confirmed', 'release', 'released'],
    ['held', 'cancel', 'cancelled'],
    ['confirmed', 'cancel', 'cancelled'],
    ['confirmed', 'complete', 'completed'],
  ])('%s --%s--> %s', (from, command, to) => {
    expect(placementTransition(from, command)).toEqual({ to, changed: true });
  });

  it('treats a repeated command as a no-op', () => {
    expect(placementTransition('confirmed', 'confirm')).toEqual({ to: 'confirmed', changed: false });
    expect(placementTransition('released', 'release')).toEqual({ to: 'released', changed: false });
  });

  it.each<[PlacementStatus, PlacementCommand]>([
    ['held', 'complete'],
    ['released', 'confirm'],
    ['cancelled', 'release'],
    ['completed', 'cancel'],
  ])('refuses %s --%s-->', (from, command) => {
    expect(() => placementTransition(from, command)).toThrow(
      expect.objectContaining({ code: 'illegal-transition' }),
    );
  });

  it.each<[PlacementStatus, PlacementStatus, number, number]>([
    ['held', 'confirmed', -1, 1],
    ['held', 'released', -1, 0],
    ['confirmed', 'cancelled', 0, -1],
    ['confirmed', 'completed', 0, -1],
  ])('%s → %s moves held by %i and confirmed by %i', (from, to, held, confirmed) => {
    expect(seatDelta(from, to)).toEqual({ held, confirmed });
  });
});
