import { Injectable } from '@nestjs/common';
import { ActivityNotFound } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { Clock } from '@samenspel/clock';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import {
  attendanceRate,
  retention,
  type AttendanceStatus,
  type RetentionFigure,
} from '../../../domain/participation';
import { assertActsForTeam } from '../../../domain/team-scope';
import { PlacementsRepository } from '../../placements.repository';
import type { SummariseAttendanceCommand } from './summarise-attendance.command';

/** The impact figures of one activity: aggregates only, no youthRefs, no names. */
export interface AttendanceSummary {
  activityId: string;
  /** Placements that were ever confirmed. */
  placements: number;
  sessions: Record<AttendanceStatus, number>;
  attendanceRate: number | null;
  retention: RetentionFigure[];
}

/** Sums up the attendance of every placement of an activity that ever got a seat (confirmed). */
@Injectable()
export class SummariseAttendance {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly placements: PlacementsRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    { principal, activityId }: SummariseAttendanceCommand,
    uow: UnitOfWork,
  ): Promise<AttendanceSummary> {
    const activity = await this.activities.find(uow.em, activityId);
    if (!activity) throw new ActivityNotFound();
    assertActsForTeam(principal, activity.teamId);
    const started = await this.placements.startedOf(uow.em, activityId);
    const records = await this.placements.attendanceOf(
      uow.em,
      started.map((p) => p.id),
    );
    const count = (status: AttendanceStatus) => records.filter((r) => r.status === status).length;
    return {
      activityId,
      placements: started.length,
      sessions: { present: count('present'), absent: count('absent'), excused: count('excused') },
      attendanceRate: attendanceRate(records),
      retention: retention(
        started.map((p) => ({
          start: p.confirmedAt!,
          sessions: records.filter((r) => r.placementId === p.id),
        })),
        this.clock.now(),
      ),
    };
  }
}
