export class ReleaseExpiredHoldsCommand {
  /** The most holds released in one unit of work (HOLD_SWEEP_BATCH_SIZE). */
  readonly limit!: number;

  constructor(fields: ReleaseExpiredHoldsCommand) {
    Object.assign(this, fields);
  }
}
