import type { Principal } from '@samenspel/http';
import type { MatchQuery } from '../../../domain/ranking';

/** One youngster a seat is sought for. */
export interface BestSeatRequest {
  /** Who the seat is for, ranked exactly like `POST /matching/candidates`. */
  readonly query: MatchQuery;
  readonly youthRef: string;
  /** The caller's idempotency reference: the same reference returns the same placement. */
  readonly reference: string;
  readonly expiresAt?: Date;
}

export class HoldBestSeatsCommand {
  readonly principal!: Principal;
  /** In the order they are served: first come, first served. */
  readonly youngsters!: readonly BestSeatRequest[];

  constructor(fields: HoldBestSeatsCommand) {
    Object.assign(this, fields);
  }
}
