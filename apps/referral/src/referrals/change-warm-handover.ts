import { NoYouthWorkTeam } from '@samenspel/contracts';
import type { Principal } from '@samenspel/http';
import type { UnitOfWork } from '@samenspel/messaging';
import { lockForChange } from './lock-for-change';
import { referralEvent, youthWorkTeamOf, type ReferralEntity, type WarmHandover } from './referral.entity';
import type { ReferralsRepository } from './referrals.repository';

/** A change to a referral's warm handover and the event that tells the youth-work team about it. */
export interface WarmHandoverChange {
  /** The warm handover after the change; throws when the referral does not allow it. */
  next(referral: ReferralEntity): WarmHandover;
  eventType: string;
  /** The event's fields besides the referral, youngster, team and proposed time. */
  eventData(warmHandover: WarmHandover): Record<string, unknown>;
}

/**
 * Locks the referral the caller may change at the version they last read, stores its changed warm
 * handover and emits the event to the youth-work team it concerns (the receiving team of a
 * referral to youth work, the referring team of a toeleiding).
 */
export async function changeWarmHandover(
  referrals: ReferralsRepository,
  uow: UnitOfWork,
  target: { principal: Principal; referralId: string; expectedVersion?: number },
  change: WarmHandoverChange,
): Promise<ReferralEntity> {
  const { em } = uow;
  const referral = await lockForChange(
    referrals,
    em,
    target.principal,
    target.referralId,
    target.expectedVersion,
  );
  const warmHandover = change.next(referral);
  const teamId = youthWorkTeamOf(referral);
  if (!teamId) throw new NoYouthWorkTeam();
  await referrals.updateVersioned(em, referral.id, referral.version, { warmHandover });
  await uow.publish(
    referralEvent(change.eventType, referral, {
      referralId: referral.id,
      youthRef: referral.youthRef,
      teamId,
      proposedAt: warmHandover.proposedAt,
      ...change.eventData(warmHandover),
    }),
  );
  return Object.assign(referral, { warmHandover, version: referral.version + 1 });
}
