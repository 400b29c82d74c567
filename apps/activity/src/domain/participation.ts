export type AttendanceStatus = 'present' | 'absent' | 'excused';

export interface SessionRecord {
  /** YYYY-MM-DD */
  sessionDate: string;
  status: AttendanceStatus;
}

export const RETENTION_WEEKS = [4, 8, 12] as const;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Present sessions over sessions that counted (present + absent). Excused sessions are left out:
 * a youngster who let the team know is not counted as missing. Null when nothing counted yet.
 */
export function attendanceRate(sessions: readonly SessionRecord[]): number | null {
  const present = sessions.filter((s) => s.status === 'present').length;
  const counted = present + sessions.filter((s) => s.status === 'absent').length;
  return counted === 0 ? null : Math.round((present / counted) * 1000) / 1000;
}

/**
 * Whether the youngster still takes part N weeks after the start: there is a session marked present
 * on or after start + N weeks. Null while N weeks have not passed yet (too early to say).
 */
export function stillParticipating(
  start: Date,
  weeks: number,
  sessions: readonly SessionRecord[],
  now: Date,
): boolean | null {
  const mark = start.getTime() + weeks * 7 * DAY_MS;
  if (now.getTime() < mark) return null;
  return sessions.some((s) => s.status === 'present' && Date.parse(`${s.sessionDate}T23:59:59Z`) >= mark);
}

export interface RetentionFigure {
  weeks: number;
  /** Placements started at least N weeks ago. */
  eligible: number;
  participating: number;
  rate: number | null;
}

/** Aggregate retention over placements (no names, no refs): per 4, 8 and 12 weeks. */
export function retention(
  placements: readonly { start: Date; sessions: readonly SessionRecord[] }[],
  now: Date,
): RetentionFigure[] {
  return RETENTION_WEEKS.map((weeks) => {
    const answers = placements
      .map((p) => stillParticipating(p.start, weeks, p.sessions, now))
      .filter((a): a is boolean => a !== null);
    const participating = answers.filter(Boolean).length;
    return {
      weeks,
      eligible: answers.length,
      participating,
      rate: answers.length === 0 ? null : Math.round((participating / answers.length) * 1000) / 1000,
    };
  });
}
