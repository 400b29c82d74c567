import {
  cancellation,
  completion,
  decide,
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
      completedAt: at,
      ...extra,
    });
  });

  it('cancels with the reason and the moment', () => {
    expect(cancellation('offer-withdrawn', at)).toEqual({
      status: 'cancelled',
      cancelReason: 'offer-withdrawn',
      cancelledAt: at,
    });
  });
});
