import { stepLabel } from './flow-steps';

describe('timeline step labels', () => {
  it.each([
    ['nl.jeugdzorg.waitlist.entered.v1', false, true, 'waitlist entered'],
    ['nl.samenspel.bridging.offered.v1', true, true, 'dead-lettered: bridging offer'],
    [null, false, false, 'invalid event'],
    [null, true, false, 'dead-lettered'],
    ['nl.other.unknown.v1', false, true, 'nl.other.unknown.v1'],
  ])('labels %s (dead letter %s, valid %s) as "%s"', (type, dead, valid, label) => {
    expect(stepLabel(type, dead, valid)).toBe(label);
  });
});
