import type { Principal } from '@samenspel/http';

export class SummariseAttendanceCommand {
  readonly principal!: Principal;
  readonly activityId!: string;

  constructor(fields: SummariseAttendanceCommand) {
    Object.assign(this, fields);
  }
}
