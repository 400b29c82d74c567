import { Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { REFERRAL_EVENT_TYPES } from '@samenspel/contracts';
import { ForbiddenError, PreconditionFailedError } from '@samenspel/http';
import type { UnitOfWork } from '@samenspel/messaging';
import { assertTransition, type ReferralOutcome } from '../../../domain/referral-state-machine';
import { NoteCipher } from '@samenspel/persistence';
import { mayMoveTo } from '../../access-policy';
import { lockForChange } from '../../lock-for-change';
import { referralEvent, type ReferralEntity } from '../../referral.entity';
import { ReferralMetrics } from '../../referral-metrics';
import { ReferralsRepository } from '../../referrals.repository';
import type { TransitionReferralCommand } from './transition-referral.command';

/** Moves a referral along the FHIR Task state machine, records who, when and why, and emits `status-changed`. */
@Injectable()
export class TransitionReferral {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly cipher: NoteCipher,
    private readonly metrics: ReferralMetrics,
    private readonly clock: Clock,
  ) {}

  async execute(command: TransitionReferralCommand, uow: UnitOfWork): Promise<ReferralEntity> {
    const { em } = uow;
    const referral = await lockForChange(
      this.referrals,
      em,
      command.principal,
      command.referralId,
      command.expectedVersion,
      (principal, r) => {
        if (!mayMoveTo(principal, r, command.to)) {
          throw new ForbiddenError(
            `Moving this referral to ${command.to} is not yours to do`,
            'not-your-move',
            {
              subjectRef: r.youthRef,
            },
          );
        }
      },
    );
    assertTransition(referral.status, command);

    const from = referral.status;
    const now = this.clock.now();
    const outcome = command.to === 'completed' ? (command.outcome as ReferralOutcome) : referral.outcome;
    const updated = await this.referrals.updateVersioned(em, referral.id, referral.version, {
      status: command.to,
      outcome,
    });
    // The row is locked, so this only fails if the lock was not taken; kept as a safety net.
    if (!updated) throw new PreconditionFailedError('The referral changed meanwhile', 'stale-version');
    await this.referrals.addChange(em, {
      referralId: referral.id,
      fromStatus: from,
      toStatus: command.to,
      reasonCode: command.reasonCode ?? null,
      outcome: command.to === 'completed' ? (command.outcome ?? null) : null,
      noteCiphertext: command.note ? this.cipher.encrypt(command.note, referral.id) : null,
      actorRole: command.actor.role,
      actorRef: command.actor.ref,
      changedAt: now,
    });
    await uow.publish(
      referralEvent(REFERRAL_EVENT_TYPES.statusChanged, referral, {
        referralId: referral.id,
        youthRef: referral.youthRef,
        phase: referral.phase,
        from,
        to: command.to,
        ...(command.reasonCode ? { reasonCode: command.reasonCode } : {}),
        ...(command.to === 'completed' ? { outcome: command.outcome } : {}),
        ...(referral.receivingTeamId ? { receivingTeamId: referral.receivingTeamId } : {}),
        changedAt: now.toISOString(),
      }),
    );
    this.metrics.transitions.inc({ to: command.to });
    return Object.assign(referral, {
      status: command.to,
      outcome,
      version: referral.version + 1,
      updatedAt: now,
    });
  }
}
