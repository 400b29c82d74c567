import {
  cancellation,
  completion,
  decide,
  outcomeReasonFor,
  outcomesFor,
  type TaskAction,
  type TaskStatus,
} from './task-lifecycle';

describe('task lifecycle', () => {
  it.each<[TaskAction, TaskStatus, string | null, string, string]>([
    ['claim', 'open', null, 'w1', 'apply'],
    ['claim', 'claimed', 'w1', 'w1', 'noop'],
    ['claim', 'claimed', 'w1', 'w2', 'conflict'],
    ['claim', 'done', 'w1', 'w1', 'conflict'],
    ['claim', 'cancelled', null, 'w1', 'conflict'],
    ['complete', 'open', null, 'w1', 'apply'],
    ['complete', 'claimed', 'w2', 'w1', 'apply'],
    ['complete', 'done', 'w1', 'w1', 'noop'],
    ['complete', 'cancelled', null, 'w1', 'conflict'],
    ['cancel', 'open', null, 'w1', 'apply'],
    ['cancel', 'claimed', 'w1', 'w1', 'apply'],
    ['cancel', 'cancelled', null, 'w1', 'noop'],
    ['cancel', 'done', 'w1', 'w1', 'conflict'],
  ])('%s on a %s task (assignee %s, caller %s): %s', (action, status, assignee, caller, expected) => {
    expect(decide(action, status, { assignee, caller })).toBe(expected);
  });

  it.each<[string, string | null, string | null, string, 'noop' | 'conflict']>([
    ['the same worker, the same outcome (a repeated click)', 'w1', 'declined', 'declined', 'noop'],
    ['another worker, the same outcome (two at once)', 'w2', 'declined', 'declined', 'conflict'],
    ['the same worker, another outcome', 'w1', 'declined', 'done', 'conflict'],
    ['a worker, after its source completed it', null, 'accepted', 'accepted', 'conflict'],
  ])('completing a done task again: %s', (_scenario, completedBy, outcome, requested, expected) => {
    expect(
      decide('complete', 'done', { caller: 'w1', completion: { completedBy, outcome, requested } }),
    ).toBe(expected);
  });

  it.each<[string, string, string | undefined, ReturnType<typeof outcomeReasonFor>]>([
    ['bridging-offer', 'declined', 'no-interest', { ok: true, reason: 'no-interest' }],
    ['bridging-offer', 'declined', 'family-declined', { ok: true, reason: 'family-declined' }],
    [
      'bridging-offer',
      'declined',
      undefined,
      { ok: false, allowed: ['no-interest', 'not-reached', 'not-suitable', 'family-declined'] },
    ],
    [
      'bridging-offer',
      'declined',
      'busy',
      { ok: false, allowed: ['no-interest', 'not-reached', 'not-suitable', 'family-declined'] },
    ],
    ['bridging-offer', 'done', undefined, { ok: true, reason: null }],
    ['bridging-offer', 'done', 'no-interest', { ok: false, allowed: [] }],
    ['follow-up', 'declined', undefined, { ok: true, reason: null }],
    ['follow-up', 'declined', 'no-interest', { ok: false, allowed: [] }],
  ])('a %s task completed as %s with reason %s: %j', (type, outcome, reason, expected) => {
    expect(outcomeReasonFor(type, outcome, reason)).toEqual(expected);
  });

  it('offers the follow-up outcomes that move a referral for follow-up steps only', () => {
    expect(outcomesFor('follow-up')).toEqual([
      'reached',
      'not-reached',
      'engaged-in-activity',
      'internship-or-work-found',
      'declined',
    ]);
    expect(outcomesFor('bridging-offer')).toEqual(['done', 'not-reached', 'declined', 'not-applicable']);
  });

  const at = new Date('2026-04-22T08:00:00Z');

  it.each<[string, string | null, string | null, string | undefined, object]>([
    ['an open task completed by w1', null, 'w1', undefined, { assignee: 'w1' }],
    ['a task claimed by w2, completed by w1', 'w2', 'w1', undefined, {}],
    ['an open task completed by its source', null, null, undefined, {}],
    ['a task completed with a note', 'w1', 'w1', 'called twice', { note: 'called twice' }],
  ])('completes %s', (_scenario, assignee, by, note, extra) => {
    expect(completion({ assignee }, { outcome: 'done', by, note, at })).toEqual({
      status: 'done',
      outcome: 'done',
      outcomeReason: null,
      completedBy: by,
      completedAt: at,
      ...extra,
    });
  });

  it('completes a declined offer with its reason code', () => {
    expect(
      completion({ assignee: 'w1' }, { outcome: 'declined', by: 'w1', reason: 'not-reached', at }),
    ).toMatchObject({ outcome: 'declined', outcomeReason: 'not-reached', completedBy: 'w1' });
  });

  it('cancels with the reason and the moment', () => {
    expect(cancellation('offer-withdrawn', at)).toEqual({
      status: 'cancelled',
      cancelReason: 'offer-withdrawn',
      cancelledAt: at,
    });
  });
});
