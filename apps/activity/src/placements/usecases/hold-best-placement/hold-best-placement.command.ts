import type { Principal } from '@samenspel/http';
import type { MatchQuery } from '../../../domain/ranking';

export class HoldBestPlacementCommand {
  readonly principal!: Principal;
  /** Who the seat is for, ranked exactly like `POST /matching/candidates`. */
  readonly query!: MatchQuery;
  readonly youthRef!: string;
  /** The caller's idempotency reference: the same reference returns the same placement. */
  readonly reference!: string;
  readonly expiresAt?: Date;

  constructor(fields: HoldBestPlacementCommand) {
    Object.assign(this, fields);
  }
}
