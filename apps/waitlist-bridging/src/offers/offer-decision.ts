import { PlacementRefusedByActivity } from '@samenspel/contracts';
import { ForbiddenError, HttpError, NotFoundError, type Principal } from '@samenspel/http';
import { ActivityUnavailableError, PlacementRefusedError } from '../activity-catalog/activity-catalog.port';
import type { EntityManager } from 'typeorm';
import type { WaitlistEntriesRepository } from '../waitlist-entries/waitlist-entries.repository';
import type { BridgingOffer } from './bridging-offer.entity';

export class OfferNotFoundError extends NotFoundError {
  constructor() {
    super('No such bridging offer', 'offer-not-found');
  }
}

export class ActivityServiceUnavailableError extends HttpError {
  constructor(cause: unknown) {
    super(503, 'activity-unavailable', 'The activity service did not answer; try again shortly', { cause });
  }
}

/**
 * Only a youth worker or team lead of the team that owns the activity decides on its offers. A
 * refusal names the youngster of the offer for the audit trail (their entry is read only then).
 */
export async function assertOwningTeam(
  decider: Pick<Principal, 'teamId'>,
  offer: BridgingOffer,
  entries: WaitlistEntriesRepository,
  em: EntityManager,
): Promise<void> {
  if (decider.teamId && decider.teamId === offer.teamId) return;
  const entry = await entries.find(em, offer.waitlistEntryId);
  throw new ForbiddenError('This offer belongs to another team', 'not-owning-team', {
    subjectRef: entry?.youthRef,
  });
}

/** Maps what the activity service said about a confirm or release to the caller's problem. */
export function activityFailure(error: unknown): Error {
  if (error instanceof ActivityUnavailableError) return new ActivityServiceUnavailableError(error);
  if (error instanceof PlacementRefusedError) {
    return new PlacementRefusedByActivity(error.problemType, error.status);
  }
  return error as Error;
}
