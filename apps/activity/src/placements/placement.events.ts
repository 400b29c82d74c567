import { ACTIVITY_EVENT_TYPES, type AttendanceData, type PlacementData } from '@samenspel/contracts';
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

/** The event of a placement's new status, with the activity's free seats after the change. */
export function placementEvent(p: Placement, available: number): NewEvent<PlacementData> {
  return {
    type: PLACEMENT_TYPES[p.status],
    key: p.youthRef,
    aggregateType: 'placement',
    aggregateId: p.id,
    data: {
      placementId: p.id,
      activityId: p.activityId,
      teamId: p.teamId,
      youthRef: p.youthRef,
      reference: p.reference,
      available,
      ...(p.status === 'held' && p.expiresAt && { expiresAt: p.expiresAt.toISOString() }),
      ...(p.reason && { reason: p.reason }),
    },
  };
}

export function attendanceEvent(p: Placement, sessionDate: string, status: string): NewEvent<AttendanceData> {
  return {
    type: ACTIVITY_EVENT_TYPES.attendanceRecorded,
    key: p.youthRef,
    aggregateType: 'placement',
    aggregateId: p.id,
    data: {
      placementId: p.id,
      activityId: p.activityId,
      teamId: p.teamId,
      youthRef: p.youthRef,
      sessionDate,
      status,
    },
  };
}
