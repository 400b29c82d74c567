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

/** What matching and the catalogue filters read of an activity: its kind, themes, ages and place. */
export type MatchFacts = Pick<
  Activity,
  'kind' | 'themes' | 'minAge' | 'maxAge' | 'municipalityCode' | 'postcode4'
>;

/** An activity's match facts alone, in the order its views and events list them. */
export function matchFactsOf(a: MatchFacts): MatchFacts {
  return {
    kind: a.kind,
    themes: a.themes,
    minAge: a.minAge,
    maxAge: a.maxAge,
    municipalityCode: a.municipalityCode,
    postcode4: a.postcode4,
  };
}
