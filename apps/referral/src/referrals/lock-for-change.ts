import { ForbiddenError, NotFoundError, PreconditionFailedError, type Principal } from '@samenspel/http';
import type { EntityManager } from 'typeorm';
import { mayChange } from './access-policy';
import type { ReferralEntity } from './referral.entity';
import type { ReferralsRepository } from './referrals.repository';

/**
 * Locks a referral for a change at the version the caller last read (another one answers 412). A
 * caller must have the referral in scope and pass `mayDo`, which throws to refuse this particular
 * change; the service's own changes come without a caller.
 */
export async function lockForChange(
  referrals: ReferralsRepository,
  em: EntityManager,
  principal: Principal | undefined,
  referralId: string,
  expectedVersion: number | undefined,
  mayDo?: (principal: Principal, referral: ReferralEntity) => void,
): Promise<ReferralEntity> {
  const referral = await referrals.findById(em, referralId, true);
  if (!referral) throw new NotFoundError('No such referral');
  if (principal && !mayChange(principal, referral)) {
    throw new ForbiddenError('This referral is not in your scope', 'forbidden', {
      subjectRef: referral.youthRef,
    });
  }
  if (principal) mayDo?.(principal, referral);
  if (expectedVersion !== undefined && expectedVersion !== referral.version) {
    throw new PreconditionFailedError(
      `The referral is at version ${referral.version}; read it again`,
      'stale-version',
      { extensions: { currentVersion: referral.version } },
    );
  }
  return referral;
}
