import type { ActivityStatus } from '../domain/activity-status';

/** A weekly schedule: an RFC 5545 RRULE, or day-and-time slots, or both. */
export interface WeeklySchedule {
  rrule?: string;
  slots?: { day: string; start: string; end: string }[];
}

/** An activity of the youth-work offer, with its seat counters (held + confirmed <= capacity). */
export interface Activity {
  id: string;
  teamId: string;
  title: string;
  description: string;
  kind: string;
  themes: string[];
  minAge: number;
  maxAge: number;
  municipalityCode: string;
  postcode4: string;
  locationName: string | null;
  accessibilityNotes: string | null;
  schedule: WeeklySchedule;
  contactRole: string;
  capacity: number;
  held: number;
  confirmed: number;
  status: ActivityStatus;
  closeReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields a team writes; counters, status and timestamps are the service's. */
export type ActivityFields = Omit<
  Activity,
  'id' | 'held' | 'confirmed' | 'status' | 'closeReason' | 'createdAt' | 'updatedAt'
>;
