import { Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { InvalidField, PlacementNotConfirmed, PlacementNotFound } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { assertActsForTeam } from '../../../domain/team-scope';
import type { AttendanceRecord } from '../../placement.entity';
import { attendanceEvent } from '../../placement.events';
import { PlacementsRepository } from '../../placements.repository';
import type { RecordAttendanceCommand } from './record-attendance.command';

const DAY_MS = 24 * 3600 * 1000;

/** The session recorded, and the youngster it is about (for the audit trail; the record does not name them). */
export interface RecordedAttendance {
  record: AttendanceRecord;
  youthRef: string;
}

/** Records one session (present, absent, excused) of a confirmed or completed placement; a second record of the same date corrects it. */
@Injectable()
export class RecordAttendance {
  constructor(
    private readonly placements: PlacementsRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    { principal, placementId, sessionDate, status }: RecordAttendanceCommand,
    uow: UnitOfWork,
  ): Promise<RecordedAttendance> {
    const date = Date.parse(`${sessionDate}T00:00:00Z`);
    // A day of slack for time zones: the session may be "today" in Amsterdam while UTC is still yesterday.
    if (Number.isNaN(date) || date > this.clock.now().getTime() + DAY_MS) {
      throw new InvalidField('sessionDate', 'must be a real date, not in the future');
    }
    const placement = await this.placements.lock(uow.em, placementId);
    if (!placement) throw new PlacementNotFound();
    assertActsForTeam(principal, placement.teamId, placement.youthRef);
    if (placement.status !== 'confirmed' && placement.status !== 'completed') {
      throw new PlacementNotConfirmed(placement.status);
    }
    const record = await this.placements.upsertAttendance(uow.em, placementId, sessionDate, status);
    await uow.publish(attendanceEvent(placement, sessionDate, status));
    return { record, youthRef: placement.youthRef };
  }
}
