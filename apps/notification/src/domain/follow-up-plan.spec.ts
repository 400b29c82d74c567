import {
  DEFAULT_FOLLOW_UP_PLANS,
  expandPlan,
  InvalidFollowUpPlanError,
  parseFollowUpPlans,
  planFor,
} from './follow-up-plan';

describe('follow-up plans', () => {
  const handover = new Date('2026-04-22T08:00:00Z');

  it('expands the default plan: first contact now, check-ins at +2 weeks and +3 months', () => {
    const steps = expandPlan(DEFAULT_FOLLOW_UP_PLANS.default, handover);
    expect(steps.map((s) => [s.step, s.runAt.toISOString(), s.dueWorkingDays])).toEqual([
      ['first-contact', '2026-04-22T08:00:00.000Z', 5],
      ['check-in-2w', '2026-05-06T08:00:00.000Z', 3],
      ['check-in-3m', '2026-07-22T08:00:00.000Z', 5],
    ]);
  });

  it('uses the plan of the municipality when it has one, else the default', () => {
    const plans = parseFollowUpPlans(
      JSON.stringify({ GM0344: [{ step: 'first-contact', at: { workingDays: 2 }, dueWorkingDays: 1 }] }),
    );
    expect(planFor(plans, 'GM0344').map((s) => s.step)).toEqual(['first-contact']);
    expect(planFor(plans, 'GM0307')).toEqual(DEFAULT_FOLLOW_UP_PLANS.default);
    expect(planFor(plans, undefined)).toEqual(DEFAULT_FOLLOW_UP_PLANS.default);
  });

  it('counts a working-day offset on the Dutch calendar', () => {
    // Fri 24 April 2026 + 1 working day: Monday 27 is Koningsdag, so Tuesday 28.
    const [step] = expandPlan(
      [{ step: 'first-contact', at: { workingDays: 1 }, dueWorkingDays: 0 }],
      new Date('2026-04-24T08:00:00Z'),
    );
    expect(step.runAt.toISOString()).toBe('2026-04-28T08:00:00.000Z');
  });

  it('supports offsets in seconds, so a test plan runs in moments', () => {
    const steps = expandPlan(
      [
        { step: 'b', at: { seconds: 4 }, dueWorkingDays: 1 },
        { step: 'a', at: { seconds: 1 }, dueWorkingDays: 1 },
      ],
      handover,
    );
    expect(steps.map((s) => [s.step, s.runAt.toISOString()])).toEqual([
      ['a', '2026-04-22T08:00:01.000Z'],
      ['b', '2026-04-22T08:00:04.000Z'],
    ]);
  });

  it('treats an empty FOLLOW_UP_PLANS as the default plan', () => {
    expect(parseFollowUpPlans('')).toEqual(DEFAULT_FOLLOW_UP_PLANS);
  });

  it.each([
    ['not json', 'not valid JSON'],
    ['[]', 'must be an object'],
    ['{"Utrecht":[{"step":"a","dueWorkingDays":1}]}', 'not a municipality code'],
    ['{"default":[]}', 'non-empty list'],
    ['{"default":[{"step":"A B","dueWorkingDays":1}]}', 'short code'],
    ['{"default":[{"step":"a","dueWorkingDays":-1}]}', 'dueWorkingDays'],
    ['{"default":[{"step":"a","at":{"years":1},"dueWorkingDays":1}]}', 'unknown offset unit years'],
    ['{"default":[{"step":"a","dueWorkingDays":1},{"step":"a","dueWorkingDays":2}]}', 'names a step twice'],
  ])('rejects the plan config %s', (json, message) => {
    expect(() => parseFollowUpPlans(json)).toThrow(InvalidFollowUpPlanError);
    expect(() => parseFollowUpPlans(json)).toThrow(message);
  });
});
