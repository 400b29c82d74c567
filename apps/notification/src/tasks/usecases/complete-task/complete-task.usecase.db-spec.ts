import { systemClock } from '@samenspel/clock';
import { NotAFollowUpStep, TASK_EVENT_TYPES } from '@samenspel/contracts';
import { aYouthRef } from '@samenspel/testing';
import { randomUUID } from 'node:crypto';
import {
  aNotificationDatabaseForTheseSpecs,
  anOfferTask,
  aWebhook,
  outboxOf,
} from '../../../../test/medium-test';
import { taskSourceKey } from '../../task-sources';
import { CreateTaskCommand } from '../create-task/create-task.command';
import { CreateTask } from '../create-task/create-task.usecase';
import { CompleteTaskCommand } from './complete-task.command';
import { CompleteTask } from './complete-task.usecase';

describe("CompleteTask with the youngster's own view, against PostgreSQL", () => {
  const spec = aNotificationDatabaseForTheseSpecs('notification_youth_voice');
  const sut = new CompleteTask(spec.tasks, spec.announcer, systemClock);

  const aFollowUpStep = async () => {
    const teamId = randomUUID();
    const referralId = randomUUID();
    const task = await spec.units.run((uow) =>
      new CreateTask(spec.tasks, spec.announcer).execute(
        new CreateTaskCommand({
          sourceKey: taskSourceKey.followUp(referralId, 'check-in-2w'),
          teamId,
          type: 'follow-up',
          youthRef: aYouthRef(),
          dueAt: new Date(Date.now() + 24 * 3600 * 1000),
          context: {},
          referralId,
          step: 'check-in-2w',
          now: new Date(),
        }),
        uow,
      ),
    );
    return { teamId, taskId: task!.id };
  };

  it('carries the view on task.completed only: not kept, not in the webhook delivery', async () => {
    const { teamId, taskId } = await aFollowUpStep();
    await aWebhook(spec.db.dataSource.manager, teamId);
    await spec.db.dataSource.query(`UPDATE webhook SET events = '{task.completed}' WHERE team_id = $1`, [
      teamId,
    ]);
    const youthVoice = { score: 4, helped: ['group', 'group', 'practical-help'] };
    await spec.units.run((uow) =>
      sut.execute(
        new CompleteTaskCommand({
          principal: { sub: 'worker-1', role: 'youth-worker', teamId },
          taskId,
          outcome: 'reached',
          youthVoice,
        }),
        uow,
      ),
    );
    const events = await outboxOf(spec.db, taskId);
    expect(events.map((e) => e.type)).toEqual([TASK_EVENT_TYPES.created, TASK_EVENT_TYPES.completed]);
    // A word named twice travels once.
    expect(events[1].data.youthVoice).toEqual({ score: 4, helped: ['group', 'practical-help'] });
    const deliveries = (await spec.db.dataSource.query(`SELECT payload FROM delivery WHERE team_id = $1`, [
      teamId,
    ])) as { payload: unknown }[];
    expect(deliveries.length).toBeGreaterThan(0);
    expect(JSON.stringify(deliveries)).not.toContain('youthVoice');
    const [row] = (await spec.db.dataSource.query(`SELECT * FROM task WHERE id = $1`, [taskId])) as object[];
    expect(JSON.stringify(row)).not.toContain('practical-help');
  });

  it('refuses a view on a task that is not a follow-up step, and completes nothing', async () => {
    const { taskId } = await anOfferTask(spec.units, spec.announcer);
    const [{ team_id: teamId }] = (await spec.db.dataSource.query(`SELECT team_id FROM task WHERE id = $1`, [
      taskId,
    ])) as { team_id: string }[];
    const refusal = await spec.units
      .run((uow) =>
        sut.execute(
          new CompleteTaskCommand({
            principal: { sub: 'worker-1', role: 'youth-worker', teamId },
            taskId,
            outcome: 'done',
            youthVoice: { score: 3, helped: [] },
          }),
          uow,
        ),
      )
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(NotAFollowUpStep);
    expect((await outboxOf(spec.db, taskId)).map((e) => e.type)).toEqual([TASK_EVENT_TYPES.created]);
  });
});
