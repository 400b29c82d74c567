import {
  ACTIVITY_EVENT_TYPES,
  type ActivityClosedData,
  type ActivityData,
  type AttendanceData,
  type PlacementData,
  type TeamData,
} from '@samenspel/contracts';
import type { NewEvent } from '@samenspel/messaging';
import type { Activity } from '../activities/activity.entity';
import { availableSeats } from '../domain/capacity';
import type { Placement } from '../placements/placement.entity';
import type { Team } from '../teams/team.entity';

/** Team and activity events are keyed by their own id; placement and attendance events by youthRef. */
export function teamEvent(type: 'created' | 'updated', team: Team): NewEvent<TeamData> {
  return {
    type: type === 'created' ? ACTIVITY_EVENT_TYPES.teamCreated : ACTIVITY_EVENT_TYPES.teamUpdated,
    key: team.id,
    aggregateType: 'team',
    aggregateId: team.id,
    data: {
      teamId: team.id,
      name: team.name,
      organisation: team.organisation,
      municipalityCodes: team.municipalityCodes,
    },
  };
}

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
      kind: a.kind,
      themes: a.themes,
      minAge: a.minAge,
      maxAge: a.maxAge,
      municipalityCode: a.municipalityCode,
      postcode4: a.postcode4,
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
