import type { Principal } from '@samenspel/http';
import type { AttendanceStatus } from '../../../domain/participation';

export class RecordAttendanceCommand {
  readonly principal!: Principal;
  readonly placementId!: string;
  /** YYYY-MM-DD */
  readonly sessionDate!: string;
  readonly status!: AttendanceStatus;

  constructor(fields: RecordAttendanceCommand) {
    Object.assign(this, fields);
  }
}
