import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { columnList, entitiesOf } from '@samenspel/persistence';
import type { TaskPriority } from '../domain/due-dates';
import type { TaskStatus } from '../domain/task-lifecycle';
import { TaskEntity, type TaskContext } from './task.entity';

export interface NewTask {
  sourceKey: string;
  teamId: string;
  type: string;
  youthRef: string;
  dueAt: Date;
  priority: TaskPriority;
  context: TaskContext;
  offerId?: string;
  referralId?: string;
  activityId?: string;
  step?: string;
  /** The worker holding the youngster's follow-up: the task starts claimed by them. */
  assignee?: string;
}

export interface TaskFilter {
  teamId?: string;
  status?: TaskStatus[];
  type?: string;
  dueBefore?: Date;
  limit: number;
  offset: number;
}

/** Tasks in PostgreSQL; every method works in the caller's transaction (`em`). */
@Injectable()
export class TasksRepository {
  /**
   * Inserts the task unless one with the same source key exists; null when it already did. The new
   * row comes back from the INSERT itself, as PostgreSQL stored it (its `context` as jsonb orders it).
   */
  async insertOnce(em: EntityManager, task: NewTask): Promise<TaskEntity | null> {
    const rows = (await em.query(
      `INSERT INTO task (id, source_key, team_id, type, youth_ref, status, priority, due_at, context,
                         offer_id, referral_id, activity_id, step, assignee, claimed_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $13::text IS NULL THEN 'open' ELSE 'claimed' END, $6, $7, $8,
               $9, $10, $11, $12, $13, CASE WHEN $13::text IS NULL THEN NULL ELSE now() END)
       ON CONFLICT (source_key) DO NOTHING
       RETURNING ${columnList(em, TaskEntity)}`,
      [
        randomUUID(),
        task.sourceKey,
        task.teamId,
        task.type,
        task.youthRef,
        task.priority,
        task.dueAt,
        JSON.stringify(task.context),
        task.offerId ?? null,
        task.referralId ?? null,
        task.activityId ?? null,
        task.step ?? null,
        task.assignee ?? null,
      ],
    )) as Record<string, unknown>[];
    const [created] = await entitiesOf(em, TaskEntity, rows);
    return created ?? null;
  }

  /** The task, row-locked until the transaction ends. */
  findForUpdate(
    em: EntityManager,
    where: { id: string } | { sourceKey: string },
  ): Promise<TaskEntity | null> {
    return em
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where(
        'id' in where ? 't.id = :id' : 't.source_key = :sourceKey',
        'id' in where ? { id: where.id } : { sourceKey: where.sourceKey },
      )
      .getOne();
  }

  /** A youngster's open and claimed tasks of the given types in a team, locked for a change. */
  openOfYoungsterForUpdate(
    em: EntityManager,
    teamId: string,
    youthRef: string,
    types: readonly string[],
  ): Promise<TaskEntity[]> {
    return em
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where(`t.team_id = :teamId AND t.youth_ref = :youthRef AND t.status IN ('open', 'claimed')`, {
        teamId,
        youthRef,
      })
      .andWhere('t.type IN (:...types)', { types })
      .orderBy('t.due_at', 'ASC')
      .getMany();
  }

  /** A team's open and claimed tasks per assignee (null: nobody claimed them), and how many are overdue. */
  async openPerAssignee(
    em: EntityManager,
    teamId: string,
    now: Date,
  ): Promise<{ assignee: string | null; open: number; overdue: number }[]> {
    const rows = (await em.query(
      `SELECT assignee, count(*)::int AS open, count(*) FILTER (WHERE due_at < $2)::int AS overdue
         FROM task WHERE team_id = $1 AND status IN ('open', 'claimed')
        GROUP BY assignee ORDER BY assignee NULLS FIRST`,
      [teamId, now],
    )) as { assignee: string | null; open: number; overdue: number }[];
    return rows;
  }

  findById(em: EntityManager, id: string): Promise<TaskEntity | null> {
    return em.getRepository(TaskEntity).findOneBy({ id });
  }

  async save(em: EntityManager, task: TaskEntity): Promise<TaskEntity> {
    task.updatedAt = new Date();
    return em.getRepository(TaskEntity).save(task);
  }

  async list(em: EntityManager, filter: TaskFilter): Promise<{ items: TaskEntity[]; total: number }> {
    const qb = em.getRepository(TaskEntity).createQueryBuilder('t');
    if (filter.teamId) qb.andWhere('t.team_id = :teamId', { teamId: filter.teamId });
    if (filter.status?.length) qb.andWhere('t.status IN (:...status)', { status: filter.status });
    if (filter.type) qb.andWhere('t.type = :type', { type: filter.type });
    if (filter.dueBefore) qb.andWhere('t.due_at < :dueBefore', { dueBefore: filter.dueBefore });
    qb.orderBy('t.due_at', 'ASC').addOrderBy('t.id', 'ASC').skip(filter.offset).take(filter.limit);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** Open or claimed tasks past their due date not yet reminded, locked; other instances skip them. */
  claimDueForReminder(em: EntityManager, now: Date, limit: number): Promise<TaskEntity[]> {
    return em
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`t.status IN ('open', 'claimed') AND t.due_at <= :now AND t.reminded_at IS NULL`, { now })
      .orderBy('t.due_at', 'ASC')
      .take(limit)
      .getMany();
  }

  /**
   * Candidates for escalation, locked: reminded already (the reminder always comes first) and
   * overdue by at least `minDays` calendar days (a working day is never shorter, so this only
   * narrows; the caller applies the working-day rule).
   */
  claimEscalationCandidates(
    em: EntityManager,
    now: Date,
    minDays: number,
    limit: number,
  ): Promise<TaskEntity[]> {
    const latestDue = new Date(now.getTime() - minDays * 24 * 3600 * 1000);
    return em
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(
        `t.status IN ('open', 'claimed') AND t.escalated_at IS NULL AND t.reminded_at IS NOT NULL
         AND t.due_at <= :latestDue`,
        {
          latestDue,
        },
      )
      .orderBy('t.due_at', 'ASC')
      .take(limit)
      .getMany();
  }
}
