import { Injectable } from '@nestjs/common';
import { InvalidField, PlacementNotConfirmed, PlacementNotFound } from '@samenspel/contracts';
import { Outbox } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import { assertActsForTeam } from '../../../domain/team-scope';
import { attendanceEvent } from '../../placement.events';
import type { AttendanceRecord } from '../../placement.entity';
import { PlacementsRepository } from '../../placements.repository';
import type { RecordAttendanceCommand } from './record-attendance.command';

const DAY_MS = 24 * 3600 * 1000;

/** Records one session (present, absent, excused) of a confirmed or completed placement; a second record of the same date corrects it. */
@Injectable()
export class RecordAttendance {
  constructor(
    private readonly dataSource: DataSource,
    private readonly placements: PlacementsRepository,
    private readonly outbox: Outbox,
  ) {}

  execute({
    principal,
    placementId,
    sessionDate,
    status,
  }: RecordAttendanceCommand): Promise<AttendanceRecord> {
    const date = Date.parse(`${sessionDate}T00:00:00Z`);
    // A day of slack for time zones: the session may be "today" in Amsterdam while UTC is still yesterday.
    if (Number.isNaN(date) || date > Date.now() + DAY_MS) {
      throw new InvalidField('sessionDate', 'must be a real date, not in the future');
    }
    return this.dataSource.transaction(async (em) => {
      const placement = await this.placements.lock(em, placementId);
      if (!placement) throw new PlacementNotFound(placementId);
      assertActsForTeam(principal, placement.teamId);
      if (placement.status !== 'confirmed' && placement.status !== 'completed') {
        throw new PlacementNotConfirmed(placement.status);
      }
      const record = await this.placements.upsertAttendance(em, placementId, sessionDate, status);
      await this.outbox.append(em, [attendanceEvent(placement, sessionDate, status)]);
      return record;
    });
  }
}
