import { FOLLOW_UP_OUTCOMES } from '@samenspel/contracts';
import { FIRST_CONTACT_OUTCOMES, followUpStepFit } from './follow-up-step';

describe('workspace actions on follow-up steps', () => {
  it.each<[string, string, string | null, 'first-contact' | 'follow-up-step', string]>([
    ['first contact on the first-contact step', 'follow-up', 'first-contact', 'first-contact', 'ok'],
    ['first contact on a later check-in', 'follow-up', 'check-in-2w', 'first-contact', 'not-first-contact'],
    ['first contact on a handover intake', 'handover-intake', null, 'first-contact', 'not-a-follow-up-step'],
    ['a step completed on the first-contact step', 'follow-up', 'first-contact', 'follow-up-step', 'ok'],
    ['a step completed on a check-in', 'follow-up', 'check-in-3m', 'follow-up-step', 'ok'],
    ['a step completed on an offer task', 'bridging-offer', null, 'follow-up-step', 'not-a-follow-up-step'],
    ['a follow-up task without a step', 'follow-up', null, 'follow-up-step', 'not-a-follow-up-step'],
  ])('%s: %s', (_scenario, type, step, action, expected) => {
    expect(followUpStepFit({ type, step }, action)).toBe(expected);
  });

  it('records first contact only with follow-up outcomes, so the referral moves on each', () => {
    expect(FIRST_CONTACT_OUTCOMES.every((o) => (FOLLOW_UP_OUTCOMES as readonly string[]).includes(o))).toBe(
      true,
    );
  });
});
