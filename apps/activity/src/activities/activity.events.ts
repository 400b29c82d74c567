import { ACTIVITY_EVENT_TYPES, type ActivityClosedData, type ActivityData } from '@samenspel/contracts';
import type { NewEvent } from '@samenspel/messaging';
import { availableSeats } from '../domain/capacity';
import { matchFactsOf, type Activity } from './activity.entity';

/** An activity's published or updated event, keyed by its id, with its free seats. */
export function activityEvent(type: 'published' | 'updated', a: Activity): NewEvent<ActivityData> {
  return {
    type:
      type === 'published' ? ACTIVITY_EVENT_TYPES.activityPublished : ACTIVITY_EVENT_TYPES.activityUpdated,
    key: a.id,
    aggregateType: 'activity',
    aggregateId: a.id,
    data: {
      activityId: a.id,
      teamId: a.teamId,
      title: a.title,
      ...matchFactsOf(a),
      capacity: a.capacity,
      available: availableSeats(a),
      status: a.status,
    },
  };
}

export function activityClosedEvent(a: Activity, reason?: string): NewEvent<ActivityClosedData> {
  return {
    type: ACTIVITY_EVENT_TYPES.activityClosed,
    key: a.id,
    aggregateType: 'activity',
    aggregateId: a.id,
    data: { activityId: a.id, teamId: a.teamId, ...(reason !== undefined && { reason }) },
  };
}
