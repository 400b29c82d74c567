import {
  ACTIVITY_EVENT_TYPES,
  type AttendanceData,
  type PlacementCompletedData,
  type PlacementData,
} from '@samenspel/contracts';
import { monthOf, PARTICIPATION_WEEKS, participatingAt } from '../../domain/impact';
import { text } from '../ledger-record';
import { countOnce, countYouthVoice, placeOf, type Projector, type ProjectorEntries } from './projector';

/**
 * Attendance counts once per placement and date, as its first record says; present counts too. A
 * present session N weeks (4, 8, 12) or more after the placement started counts the placement as
 * participating at N weeks, in the month and municipality of its start.
 */
const attendanceRecorded: Projector<AttendanceData> = async (p, d, { youthRef, at }) => {
  const placementId = text(d.placementId);
  const sessionDate = text(d.sessionDate);
  const subject = `${placementId}:${sessionDate}`;
  countOnce(p, placeOf(p, youthRef, d), monthOf(at), 'attendance_sessions', subject, {
    alsoCount: d.status === 'present' ? 'attendance_present' : undefined,
  });
  if (d.status !== 'present' || !sessionDate) return;
  const start = await p.flows.placementStart(p.em, placementId);
  if (!start) return;
  for (const weeks of PARTICIPATION_WEEKS) {
    if (participatingAt(start.startedAt, weeks, sessionDate)) {
      countOnce(p, start.municipalityCode, monthOf(start.startedAt), `participating_${weeks}w`, placementId);
    }
  }
};

/** A confirmed placement starts: counted once, in the month and municipality of its start. */
const placementConfirmed: Projector<PlacementData> = async (p, d, { youthRef, at }) => {
  const placementId = text(d.placementId);
  if (!placementId) return;
  const municipalityCode = placeOf(p, youthRef, d);
  if (await p.flows.startPlacement(p.em, { placementId, municipalityCode, startedAt: at })) {
    countOnce(p, municipalityCode, monthOf(at), 'placements_started', placementId);
  }
};

/**
 * The youngster's own view at the end of a placement counts once per placement, in the month it
 * ended, together with the views given at follow-up steps.
 */
const placementCompleted: Projector<PlacementCompletedData> = (p, d, { youthRef, at }) =>
  countYouthVoice(p, placeOf(p, youthRef, d), monthOf(at), text(d.placementId), d.youthVoice);

export const ACTIVITY_PROJECTORS: ProjectorEntries = [
  [ACTIVITY_EVENT_TYPES.attendanceRecorded, attendanceRecorded],
  [ACTIVITY_EVENT_TYPES.placementConfirmed, placementConfirmed],
  [ACTIVITY_EVENT_TYPES.placementCompleted, placementCompleted],
];
