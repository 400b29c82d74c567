import { randomUUID } from 'node:crypto';
import {
  BRIDGING_EVENT_TYPES,
  REFERRAL_EVENT_TYPES,
  TASK_EVENT_TYPES,
  TOPICS,
  WAITLIST_EVENT_TYPES,
  ACTIVITY_EVENT_TYPES,
} from '@samenspel/contracts';

/** A structured-mode CloudEvent as the other services (or an intake system) would put it on the wire. */
export function cloudEvent(
  type: string,
  youthRef: string,
  data: Record<string, unknown>,
  time = new Date(),
  source = 'urn:samenspel:test',
) {
  return {
    key: youthRef,
    value: JSON.stringify({
      specversion: '1.0',
      id: randomUUID(),
      source,
      type,
      time: time.toISOString(),
      datacontenttype: 'application/json',
      correlationid: `corr-${youthRef}`,
      data: { youthRef, ...data },
    }),
    headers: { 'content-type': 'application/cloudevents+json' },
  };
}

const ago = (ms: number) => new Date(Date.now() - ms);
export const MINUTE = 60 * 1000;
export const DAY = 24 * 60 * MINUTE;

export function waitlistEntered(
  youthRef: string,
  entryId: string,
  municipalityCode: string,
  at = new Date(),
  consent = true,
) {
  return {
    topic: TOPICS.waitlist,
    message: cloudEvent(
      WAITLIST_EVENT_TYPES.entered,
      youthRef,
      {
        waitlistEntryId: entryId,
        ageYears: 15,
        postcode4: '3511',
        municipalityCode,
        careCategory: 'ggz',
        expectedWaitWeeks: 12,
        interests: ['sport'],
        consent: { youthWork: consent, givenBy: 'youth', givenAt: at.toISOString() },
        enteredAt: at.toISOString(),
      },
      at,
    ),
  };
}

export function offered(
  youthRef: string,
  entryId: string,
  offerId: string,
  municipalityCode: string,
  at = new Date(),
) {
  return {
    topic: TOPICS.bridging,
    message: cloudEvent(
      BRIDGING_EVENT_TYPES.offered,
      youthRef,
      {
        waitlistEntryId: entryId,
        offerId,
        activityId: 'act-1',
        teamId: 'team-1',
        expiresAt: new Date(at.getTime() + 7 * DAY).toISOString(),
        rank: 1,
        activityTitle: 'Voetbal',
        municipalityCode,
      },
      at,
    ),
  };
}

export function accepted(youthRef: string, entryId: string, offerId: string, at = new Date()) {
  return {
    topic: TOPICS.bridging,
    message: cloudEvent(
      BRIDGING_EVENT_TYPES.accepted,
      youthRef,
      {
        waitlistEntryId: entryId,
        offerId,
        activityId: 'act-1',
        teamId: 'team-1',
        placementId: `pl-${offerId}`,
      },
      at,
    ),
  };
}

/** Bridging ended after the youngster left the list, with the weeks bridged of an accepted placement. */
export function bridgingEnded(
  youthRef: string,
  entryId: string,
  reason: string,
  weeksBridged: number,
  at = new Date(),
) {
  return {
    topic: TOPICS.bridging,
    message: cloudEvent(
      BRIDGING_EVENT_TYPES.ended,
      youthRef,
      {
        waitlistEntryId: entryId,
        reason,
        placementContinues: reason === 'care-started',
        teamId: 'team-1',
        activityId: 'act-1',
        weeksBridged,
        endedAt: at.toISOString(),
      },
      at,
    ),
  };
}

export function queued(youthRef: string, entryId: string, municipalityCode: string) {
  return {
    topic: TOPICS.bridging,
    message: cloudEvent(BRIDGING_EVENT_TYPES.queued, youthRef, {
      waitlistEntryId: entryId,
      municipalityCode,
    }),
  };
}

export function task(
  kind: keyof typeof TASK_EVENT_TYPES,
  youthRef: string,
  taskId: string,
  extra: Record<string, unknown> = {},
  at = new Date(),
) {
  return {
    topic: TOPICS.task,
    message: cloudEvent(
      TASK_EVENT_TYPES[kind],
      youthRef,
      {
        taskId,
        teamId: 'team-1',
        type: 'bridging-offer',
        dueAt: new Date(at.getTime() + DAY).toISOString(),
        ...extra,
      },
      at,
    ),
  };
}

/** A placement event of the activity service, about one youngster's placement in act-1. */
function placementEvent(type: string, youthRef: string, placementId: string, at: Date, extra: object = {}) {
  return {
    topic: TOPICS.activity,
    message: cloudEvent(
      type,
      youthRef,
      { placementId, activityId: 'act-1', teamId: 'team-1', available: 3, ...extra },
      at,
    ),
  };
}

export function placementConfirmed(youthRef: string, placementId: string, at = new Date()) {
  return placementEvent(ACTIVITY_EVENT_TYPES.placementConfirmed, youthRef, placementId, at);
}

/** A placement completed, with the youngster's own view of it when one is given. */
export function placementCompleted(
  youthRef: string,
  placementId: string,
  youthVoice: { score: number; helped: string[] } | undefined,
  at = new Date(),
) {
  return placementEvent(ACTIVITY_EVENT_TYPES.placementCompleted, youthRef, placementId, at, {
    ...(youthVoice && { youthVoice }),
  });
}

export function attendanceRecorded(
  youthRef: string,
  placementId: string,
  sessionDate: string,
  status: 'present' | 'absent' | 'excused',
  at = new Date(),
) {
  return {
    topic: TOPICS.activity,
    message: cloudEvent(
      ACTIVITY_EVENT_TYPES.attendanceRecorded,
      youthRef,
      { placementId, activityId: 'act-1', teamId: 'team-1', sessionDate, status },
      at,
    ),
  };
}

export function handover(youthRef: string, referralId: string, municipalityCode: string, at = new Date()) {
  return {
    topic: TOPICS.referral,
    message: cloudEvent(
      REFERRAL_EVENT_TYPES.created,
      youthRef,
      {
        referralId,
        ageYears: 17,
        postcode4: '3511',
        municipalityCode,
        direction: 'care-to-youth-work',
        phase: 'after',
        reason: 'aftercare',
        themes: ['sport'],
        status: 'requested',
        referredBy: { organisation: 'Zorg BV', role: 'care-provider' },
      },
      at,
    ),
  };
}

/** A referral of youth work to care (toeleiding, phase before). */
export function referralToCare(
  youthRef: string,
  referralId: string,
  municipalityCode: string,
  at = new Date(),
) {
  const created = handover(youthRef, referralId, municipalityCode, at);
  const value = JSON.parse(created.message.value) as { data: Record<string, unknown> };
  Object.assign(value.data, {
    direction: 'youth-work-to-care',
    phase: 'before',
    reason: 'toeleiding',
    referredBy: { organisation: 'Jongerenwerk', role: 'youth-worker' },
  });
  return { ...created, message: { ...created.message, value: JSON.stringify(value) } };
}

/** Care accepted a referral of youth work to care. */
export function referralToCareAccepted(youthRef: string, referralId: string, at = new Date()) {
  const changed = referralStatus(youthRef, referralId, 'accepted', undefined, at);
  const value = JSON.parse(changed.message.value) as { data: Record<string, unknown> };
  Object.assign(value.data, { phase: 'before', from: 'requested' });
  return { ...changed, message: { ...changed.message, value: JSON.stringify(value) } };
}

export function warmHandoverRecorded(
  youthRef: string,
  referralId: string,
  tookPlace: boolean,
  at = new Date(),
) {
  return {
    topic: TOPICS.referral,
    message: cloudEvent(
      REFERRAL_EVENT_TYPES.warmHandoverRecorded,
      youthRef,
      {
        referralId,
        youthRef,
        teamId: 'team-1',
        proposedAt: at.toISOString(),
        tookPlace,
        recordedAt: at.toISOString(),
      },
      at,
    ),
  };
}

export function referralStatus(
  youthRef: string,
  referralId: string,
  to: string,
  outcome?: string,
  at = new Date(),
) {
  return {
    topic: TOPICS.referral,
    message: cloudEvent(
      REFERRAL_EVENT_TYPES.statusChanged,
      youthRef,
      {
        referralId,
        phase: 'after',
        from: 'accepted',
        to,
        changedAt: at.toISOString(),
        ...(outcome ? { outcome } : {}),
      },
      at,
    ),
  };
}

export function waitlistExited(youthRef: string, entryId: string, at = new Date(), reason = 'care-started') {
  return {
    topic: TOPICS.waitlist,
    message: cloudEvent(
      WAITLIST_EVENT_TYPES.exited,
      youthRef,
      { waitlistEntryId: entryId, reason, exitedAt: at.toISOString() },
      at,
    ),
  };
}

export { ago };
