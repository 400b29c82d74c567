import { decide, outcomesFor, type TaskAction, type TaskStatus } from './task-lifecycle';

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
});
