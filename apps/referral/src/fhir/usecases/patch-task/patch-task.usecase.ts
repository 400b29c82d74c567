import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '@samenspel/http';
import type { UnitOfWork } from '@samenspel/messaging';
import { toTask } from '../../../domain/fhir/fhir-resources';
import { REFERRAL_ID } from '../../../domain/fhir/fhir-systems';
import { moveFromPatch } from '../../../domain/fhir/task-patch';
import { maySee } from '../../../referrals/access-policy';
import type { ReferralEntity } from '../../../referrals/referral.entity';
import { ReferralsRepository } from '../../../referrals/referrals.repository';
import { TransitionReferralCommand } from '../../../referrals/usecases/transition-referral/transition-referral.command';
import { TransitionReferral } from '../../../referrals/usecases/transition-referral/transition-referral.usecase';
import type { PatchTaskCommand } from './patch-task.command';

/**
 * Applies a JSON Patch to a referral's Task as the caller may read it, and makes the status move it
 * asks for with TransitionReferral: the REST API's use case, so its rules, access checks and
 * `status-changed` event are those of every move.
 */
@Injectable()
export class PatchTask {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly transitionReferral: TransitionReferral,
  ) {}

  async execute(command: PatchTaskCommand, uow: UnitOfWork): Promise<ReferralEntity> {
    const { em } = uow;
    const { principal } = command;
    const current = REFERRAL_ID.test(command.referralId)
      ? await this.referrals.findById(em, command.referralId)
      : null;
    if (!current) throw new NotFoundError('No such resource');
    if (!maySee(principal, current)) throw new ForbiddenError('This referral is not in your scope');
    const reasons = await this.referrals.latestReasons(em, [current.id]);
    const move = moveFromPatch(toTask(current, reasons.get(current.id)), command.patch);
    const transition = new TransitionReferralCommand({
      referralId: current.id,
      ...move,
      // The patch was applied to the version read here: a change meanwhile is refused (412) too.
      expectedVersion: command.expectedVersion ?? current.version,
      actor: { role: principal.role, ref: principal.sub },
      principal,
    });
    return this.transitionReferral.execute(transition, uow);
  }
}
