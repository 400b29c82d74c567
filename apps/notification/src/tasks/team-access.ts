import { ForbiddenError, NotFoundError, TEAM_ROLES, type Principal } from '@samenspel/http';
import type { TaskEntity } from './task.entity';
import type { EntityManager } from 'typeorm';
import type { TasksRepository } from './tasks.repository';

/** Team roles act for their own team only; ops, admin and service see every team. */
export function isTeamScoped(principal: Principal): boolean {
  return TEAM_ROLES.includes(principal.role);
}

/**
 * Another team's task answers 404: a worker learns nothing about tasks outside their team. The
 * audit trail records it as a denied attempt on that youngster's task.
 */
export function assertTaskVisible(principal: Principal, task: TaskEntity | null): TaskEntity {
  if (!task) throw new NotFoundError('No such task', 'task-not-found');
  if (isTeamScoped(principal) && principal.teamId !== task.teamId) {
    throw new NotFoundError('No such task', 'task-not-found', { subjectRef: task.youthRef, denied: true });
  }
  return task;
}

/** Locks a task the caller may see, for a change; another team's answers 404 as above. */
export async function lockVisibleTask(
  tasks: TasksRepository,
  em: EntityManager,
  principal: Principal,
  id: string,
): Promise<TaskEntity> {
  return assertTaskVisible(principal, await tasks.findForUpdate(em, { id }));
}

/** The team a list or stream is about: a team role's own, or the one an operator asks for. */
export function effectiveTeam(principal: Principal, requested: string | undefined): string | undefined {
  if (!isTeamScoped(principal)) return requested;
  if (requested !== undefined && requested !== principal.teamId) {
    throw new ForbiddenError('A team member sees only their own team', 'other-team');
  }
  return principal.teamId;
}

/** The worker's note is for the people doing the work; ops and machine callers see refs, not notes. */
export function maySeeNotes(principal: Principal): boolean {
  return principal.role !== 'ops' && principal.role !== 'service';
}

/** A task view as this caller may see it: without the note for ops and machine callers. */
export function viewFor<T extends { note?: unknown }>(principal: Principal, view: T): T {
  if (maySeeNotes(principal) || view.note === undefined) return view;
  const { note: _note, ...rest } = view;
  return rest as T;
}
