import type { Principal } from '@samenspel/http';

export class ReplayDeadLettersCommand {
  /** Who replays them: kept in each dead letter's audit trail. */
  readonly principal!: Principal;
  /** The dead letters to replay; one named twice is replayed once. */
  readonly ids!: readonly string[];

  constructor(fields: ReplayDeadLettersCommand) {
    Object.assign(this, fields);
  }
}
