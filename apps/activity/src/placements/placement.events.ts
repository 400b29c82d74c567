import {
  ACTIVITY_EVENT_TYPES,
  type AttendanceData,
  type PlacementCompletedData,
  type YouthVoice,
} from '@samenspel/contracts';
import type { NewEvent } from '@samenspel/messaging';
import type { Placement } from './placement.entity';

// Placement and attendance events are keyed by the youngster's youthRef.

const PLACEMENT_TYPES = {
  held: ACTIVITY_EVENT_TYPES.placementHeld,
  confirmed: ACTIVITY_EVENT_TYPES.placementConfirmed,
  released: ACTIVITY_EVENT_TYPES.placementReleased,
  cancelled: ACTIVITY_EVENT_TYPES.placementCancelled,
  completed: ACTIVITY_EVENT_TYPES.placementCompleted,
} as const;

/**
 * The event of a placement's new status, with the activity's free seats after the change; a
 * completed one carries the youngster's own view when there is one.
 */
export function placementEvent(
  p: Placement,
  available: number,
  youthVoice?: YouthVoice,
): NewEvent<PlacementCompletedData> {
  return aboutPlacement(PLACEMENT_TYPES[p.status], p, {
    reference: p.reference,
    available,
    ...(p.status === 'held' && p.expiresAt && { expiresAt: p.expiresAt.toISOString() }),
    ...(p.reason && { reason: p.reason }),
    ...(p.status === 'completed' && youthVoice && { youthVoice }),
  });
}

export function attendanceEvent(p: Placement, sessionDate: string, status: string): NewEvent<AttendanceData> {
  return aboutPlacement(ACTIVITY_EVENT_TYPES.attendanceRecorded, p, { sessionDate, status });
}

/** An event about a placement: keyed by the youngster, naming the placement, activity and team. */
function aboutPlacement<T>(
  type: string,
  p: Placement,
  data: T,
): NewEvent<Pick<Placement, 'activityId' | 'teamId' | 'youthRef'> & { placementId: string } & T> {
  return {
    type,
    key: p.youthRef,
    aggregateType: 'placement',
    aggregateId: p.id,
    data: { placementId: p.id, activityId: p.activityId, teamId: p.teamId, youthRef: p.youthRef, ...data },
  };
}
