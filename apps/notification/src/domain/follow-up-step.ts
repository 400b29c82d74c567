import { FOLLOW_UP_OUTCOMES } from '@samenspel/contracts';

/** The plan's step in which the team first reaches the youngster after a handover. */
export const FIRST_CONTACT_STEP = 'first-contact';

/** What a first contact can come to; the referral moves on each as on any follow-up outcome. */
export const FIRST_CONTACT_OUTCOMES = [
  'reached',
  'not-reached',
  'declined',
] as const satisfies readonly (typeof FOLLOW_UP_OUTCOMES)[number][];

/**
 * Whether a task is what a workspace action on a follow-up step needs: any step of the follow-up
 * plan, or for first contact that plan's `first-contact` step.
 */
export function followUpStepFit(
  task: { type: string; step: string | null },
  action: 'first-contact' | 'follow-up-step',
): 'ok' | 'not-a-follow-up-step' | 'not-first-contact' {
  if (task.type !== 'follow-up' || !task.step) return 'not-a-follow-up-step';
  if (action === 'first-contact' && task.step !== FIRST_CONTACT_STEP) return 'not-first-contact';
  return 'ok';
}
