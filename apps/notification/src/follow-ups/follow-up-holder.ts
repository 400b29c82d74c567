import { Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { FollowUpHeldByAnother } from '@samenspel/contracts';
import { NotFoundError, type Principal } from '@samenspel/http';
import type { UnitOfWork } from '@samenspel/messaging';
import {
  assignmentTo,
  CLAIMED_FOLLOW_UP_TYPES,
  decideFollowUpClaim,
  movesWithFollowUp,
  type FollowUpClaimAction,
} from '../domain/follow-up-claim';
import { TaskAnnouncer } from '../tasks/task-announcer';
import { TasksRepository } from '../tasks/tasks.repository';
import type { FollowUpClaimView } from './dto/follow-up-claim.view';
import { FollowUpClaimsRepository } from './follow-up-claims.repository';

/**
 * Changes who holds a youngster's follow-up in the caller's team, and hands the youngster's
 * follow-up tasks over with it (domain/follow-up-claim.ts): each moved task is announced as
 * `claimed` by its new holder, or `released` back to the team.
 */
@Injectable()
export class FollowUpHolder {
  constructor(
    private readonly claims: FollowUpClaimsRepository,
    private readonly tasks: TasksRepository,
    private readonly announcer: TaskAnnouncer,
    private readonly clock: Clock,
  ) {}

  async change(
    uow: UnitOfWork,
    principal: Principal,
    youthRef: string,
    action: FollowUpClaimAction,
    target: string | null,
  ): Promise<FollowUpClaimView> {
    const teamId = principal.teamId as string;
    const { em } = uow;
    if (!(await this.claims.teamHasYoungster(em, teamId, youthRef))) {
      throw new NotFoundError('No such follow-up', 'follow-up-not-found');
    }
    const holder = await this.claims.lockHolder(em, teamId, youthRef);
    const decision = decideFollowUpClaim(
      action,
      holder,
      { sub: principal.sub, isTeamLead: principal.role === 'team-lead' },
      target ?? undefined,
    );
    if (decision === 'conflict') throw new FollowUpHeldByAnother(holder as string);
    if (decision === 'noop') return { youthRef, holder, movedTaskIds: [] };
    await this.claims.setHolder(em, teamId, youthRef, target);
    const at = this.clock.now();
    const moved: string[] = [];
    for (const task of await this.tasks.openOfYoungsterForUpdate(
      em,
      teamId,
      youthRef,
      CLAIMED_FOLLOW_UP_TYPES,
    )) {
      if (!movesWithFollowUp(task, holder)) continue;
      if (task.status === 'open' && target === null) continue;
      Object.assign(task, assignmentTo(target, at));
      const saved = await this.tasks.save(em, task);
      await this.announcer.announce(uow, saved, target === null ? 'released' : 'claimed');
      moved.push(saved.id);
    }
    return { youthRef, holder: target, movedTaskIds: moved };
  }
}
