import { ForbiddenError, NotFoundError, PreconditionFailedError, type Principal } from '@samenspel/http';
import type { EntityManager } from 'typeorm';
import { mayChange } from './access-policy';
import type { ReferralEntity } from './referral.entity';
import type { ReferralsRepository } from './referrals.repository';

/** Locks a referral the caller may change, at the version they last read (another one answers 412). */
export async function lockForChange(
  referrals: ReferralsRepository,
  em: EntityManager,
  principal: Principal,
  referralId: string,
  expectedVersion: number | undefined,
): Promise<ReferralEntity> {
  const referral = await referrals.findById(em, referralId, true);
  if (!referral) throw new NotFoundError('No such referral');
  if (!mayChange(principal, referral)) {
    throw new ForbiddenError('This referral is not in your scope', 'forbidden', {
      subjectRef: referral.youthRef,
    });
  }
  if (expectedVersion !== undefined && expectedVersion !== referral.version) {
    throw new PreconditionFailedError(`The referral is at version ${referral.version}`, 'stale-version', {
      extensions: { currentVersion: referral.version },
    });
  }
  return referral;
}
