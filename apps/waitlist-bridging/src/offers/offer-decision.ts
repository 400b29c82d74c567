import { PlacementRefusedByActivity } from '@samenspel/contracts';
import { ForbiddenError, HttpError, NotFoundError, type Principal } from '@samenspel/http';
import { ActivityUnavailableError, PlacementRefusedError } from '../activity-catalog/activity-catalog.port';
import type { BridgingOffer } from './bridging-offer.entity';

export class OfferNotFoundError extends NotFoundError {
  constructor(offerId: string) {
    super(`No bridging offer ${offerId}`, 'offer-not-found');
  }
}

export class ActivityServiceUnavailableError extends HttpError {
  constructor(cause: unknown) {
    super(503, 'activity-unavailable', 'The activity service did not answer; try again shortly', { cause });
  }
}

/** Only a youth worker or team lead of the team that owns the activity decides on its offers. */
export function assertOwningTeam(decider: Pick<Principal, 'teamId'>, offer: BridgingOffer): void {
  if (!decider.teamId || decider.teamId !== offer.teamId) {
    throw new ForbiddenError(`Offer ${offer.offerId} belongs to another team`, 'not-owning-team');
  }
}

/** Maps what the activity service said about a confirm or release to the caller's problem. */
export function activityFailure(error: unknown): Error {
  if (error instanceof ActivityUnavailableError) return new ActivityServiceUnavailableError(error);
  if (error instanceof PlacementRefusedError) {
    return new PlacementRefusedByActivity(error.problemType, error.status);
  }
  return error as Error;
}
