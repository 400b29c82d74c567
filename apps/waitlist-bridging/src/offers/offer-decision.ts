import { PlacementRefusedByActivity } from '@samenspel/contracts';
import { ForbiddenError, HttpError, NotFoundError, type Principal } from '@samenspel/http';
import { ActivityUnavailableError, PlacementRefusedError } from '../activity-catalog/activity-catalog.port';
import type { EntityManager } from 'typeorm';
import type { WaitlistEntriesRepository } from '../waitlist-entries/waitlist-entries.repository';
import type { BridgingOffer } from './bridging-offer.entity';
import type { WaitlistEntry } from '../waitlist-entries/waitlist-entry.entity';
import type { OffersRepository } from './offers.repository';
import { assertOfferMove, type OfferStatus } from '../domain/bridging-lifecycle';

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

/**
 * The offer a team decides on, read before the activity service is called and before any row is
 * locked: 404 when there is none, 403 for another team, 409 when it can no longer become `to`.
 */
export async function offerToDecide(
  offers: OffersRepository,
  entries: WaitlistEntriesRepository,
  em: EntityManager,
  decider: Pick<Principal, 'teamId'>,
  offerId: string,
  to: OfferStatus,
): Promise<BridgingOffer> {
  const found = await offers.find(em, offerId);
  if (!found) throw new OfferNotFoundError();
  await assertOwningTeam(decider, found, entries, em);
  assertOfferMove(found.status, to);
  return found;
}

/** The offer and its entry locked (offer first) to record the decision, the offer still able to become `to`. */
export async function lockDecision(
  offers: OffersRepository,
  entries: WaitlistEntriesRepository,
  em: EntityManager,
  offerId: string,
  to: OfferStatus,
): Promise<{ offer: BridgingOffer; entry: WaitlistEntry }> {
  const offer = (await offers.lock(em, offerId))!;
  const entry = (await entries.lock(em, offer.waitlistEntryId))!;
  assertOfferMove(offer.status, to);
  return { offer, entry };
}

/** Maps what the activity service said about a confirm or release to the caller's problem. */
export function activityFailure(error: unknown): Error {
  if (error instanceof ActivityUnavailableError) return new ActivityServiceUnavailableError(error);
  if (error instanceof PlacementRefusedError) {
    return new PlacementRefusedByActivity(error.problemType, error.status);
  }
  return error as Error;
}
