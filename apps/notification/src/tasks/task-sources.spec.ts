import { taskSourceKey } from './task-sources';

describe('the source keys of tasks', () => {
  const at = new Date('2026-04-22T08:00:00Z');

  it.each([
    ['bridging-offer:offer-1', taskSourceKey.bridgingOffer('offer-1')],
    ['care-started:wl-1', taskSourceKey.careStarted('wl-1')],
    ['handover-intake:ref-1', taskSourceKey.intake('handover-intake', 'ref-1')],
    ['referral-intake:ref-1', taskSourceKey.intake('referral-intake', 'ref-1')],
    ['warm-handover:ref-1:2026-04-22T08:00:00.000Z', taskSourceKey.warmHandover('ref-1', at)],
    ['follow-up:ref-1:check-in-2w', taskSourceKey.followUp('ref-1', 'check-in-2w')],
    // 1776844800000 ms since the epoch is 2026-04-22T08:00:00Z.
    ['webhook-disabled:hook-1:1776844800000', taskSourceKey.webhookDisabled('hook-1', at)],
  ])('spells %s', (expected, actual) => {
    expect(actual).toBe(expected);
  });

  it('gives a warm handover moved to another moment a key of its own', () => {
    const moved = new Date('2026-04-23T08:00:00Z');
    expect(taskSourceKey.warmHandover('ref-1', moved)).not.toBe(taskSourceKey.warmHandover('ref-1', at));
  });
});
