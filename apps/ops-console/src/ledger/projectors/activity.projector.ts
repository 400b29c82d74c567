import { ACTIVITY_EVENT_TYPES, type AttendanceData } from '@samenspel/contracts';
import { monthOf } from '../../domain/impact';
import { text } from '../ledger-record';
import { countOnce, placeOf, type Projector, type ProjectorEntries } from './projector';

/** Attendance counts once per placement and date, as its first record says; present counts too. */
const attendanceRecorded: Projector<AttendanceData> = (p, d, { youthRef, at }) => {
  const subject = `${text(d.placementId)}:${text(d.sessionDate)}`;
  countOnce(p, placeOf(p, youthRef, d), monthOf(at), 'attendance_sessions', subject, {
    alsoCount: d.status === 'present' ? 'attendance_present' : undefined,
  });
};

export const ACTIVITY_PROJECTORS: ProjectorEntries = [
  [ACTIVITY_EVENT_TYPES.attendanceRecorded, attendanceRecorded],
];
