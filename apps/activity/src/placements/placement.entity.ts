import type { PlacementStatus } from '../domain/placement-status';

/** A youngster's seat on an activity: held (tentative, expires), confirmed, or ended. */
export interface Placement {
  id: string;
  activityId: string;
  teamId: string;
  youthRef: string;
  /** The caller's idempotency reference (a bridging offer id, a referral id): unique. */
  reference: string;
  status: PlacementStatus;
  expiresAt: Date | null;
  reason: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
  endedAt: Date | null;
  updatedAt: Date;
}

export interface AttendanceRecord {
  placementId: string;
  sessionDate: string;
  status: 'present' | 'absent' | 'excused';
  recordedAt: Date;
}
