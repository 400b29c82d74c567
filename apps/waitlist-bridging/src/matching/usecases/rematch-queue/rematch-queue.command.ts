export class RematchQueueCommand {
  /** Seats free in the activity now; none wakes nobody. */
  readonly freedSeats!: number;
  readonly activityId!: string;
  /** Known from activity events; otherwise looked up among the activities we heard of. */
  readonly municipalityCode?: string;

  constructor(fields: RematchQueueCommand) {
    Object.assign(this, fields);
  }
}
