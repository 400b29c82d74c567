import { TASK_EVENT_TYPES, type TaskEventData } from '@samenspel/contracts';
import { FOLLOW_UP_STEPS_SHOWN, monthOf } from '../../domain/impact';
import { text, validDate } from '../ledger-record';
import type { NewTask } from '../../stuck-flows/stuck-flows.repository';
import {
  countOnce,
  countYouthVoice,
  placeOf,
  runProjector,
  type Projector,
  type ProjectorEntries,
} from './projector';
import { firstContact } from './referral.projector';

/** The outcomes of a first-contact step that mean the youngster was reached. */
const FIRST_CONTACT_OUTCOMES = ['reached', 'engaged-in-activity', 'internship-or-work-found'];

const created = runProjector<TaskEventData, NewTask>(
  (_p, d, { youthRef, at }) => ({
    taskId: text(d.taskId),
    youthRef,
    taskType: text(d.type) ?? 'unknown',
    offerId: text(d.offerId),
    dueAt: validDate(d.dueAt) ?? at,
  }),
  (p, tasks) => p.flows.createTask(p.em, tasks),
);

const claimed: Projector<TaskEventData> = (p, d, { at }) =>
  p.flows.setOnce(p.em, 'taskClaimed', text(d.taskId), at);

const completed: Projector<TaskEventData> = async (p, d, { youthRef, at }) => {
  await p.flows.setOnce(p.em, 'taskClosed', text(d.taskId), at);
  const step = text(d.step);
  if (step && (FOLLOW_UP_STEPS_SHOWN as readonly string[]).includes(step)) {
    // Done on time: completed (the record's time, else the event's `at`) by the step's due time.
    const due = validDate(d.dueAt);
    const done = validDate(d.at) ?? at;
    countOnce(p, placeOf(p, youthRef, d), monthOf(at), `follow_up_${step}`, text(d.taskId), {
      alsoCount: due && done.getTime() <= due.getTime() ? `follow_up_${step}_on_time` : undefined,
    });
  }
  // The youngster's own view counts once per task, in the month of the step.
  countYouthVoice(p, placeOf(p, youthRef, d), monthOf(at), text(d.taskId), d.youthVoice);
  if (d.step === 'first-contact' && FIRST_CONTACT_OUTCOMES.includes(text(d.outcome) ?? '')) {
    await firstContact(p, text(d.referralId), at);
  }
};

const cancelled: Projector<TaskEventData> = (p, d, { at }) =>
  p.flows.setOnce(p.em, 'taskClosed', text(d.taskId), at);

export const TASK_PROJECTORS: ProjectorEntries = [
  [TASK_EVENT_TYPES.created, created],
  [TASK_EVENT_TYPES.claimed, claimed],
  [TASK_EVENT_TYPES.completed, completed],
  [TASK_EVENT_TYPES.cancelled, cancelled],
];
