import { systemClock } from '@samenspel/clock';
import { TASK_EVENT_TYPES } from '@samenspel/contracts';
import { randomUUID } from 'node:crypto';
import { aNotificationDatabaseForTheseSpecs, anOfferTask, outboxOf } from '../../../../test/medium-test';
import { CancelOfferTaskCommand } from '../cancel-offer-task/cancel-offer-task.command';
import { CancelOfferTask } from '../cancel-offer-task/cancel-offer-task.usecase';
import { taskSourceKey } from '../../task-sources';
import { CompleteSourcedTaskCommand } from './complete-sourced-task.command';
import { CompleteSourcedTask } from './complete-sourced-task.usecase';

describe('CompleteSourcedTask against PostgreSQL', () => {
  const spec = aNotificationDatabaseForTheseSpecs('notification_complete_offer');
  const sut = new CompleteSourcedTask(spec.tasks, spec.announcer, systemClock);

  const complete = (offerId: string) =>
    spec.units.run((uow) =>
      sut.execute(
        new CompleteSourcedTaskCommand({
          sourceKey: taskSourceKey.bridgingOffer(offerId),
          outcome: 'accepted',
        }),
        uow,
      ),
    );

  it('completes the open task of an accepted offer with outcome accepted, naming nobody', async () => {
    const { offerId, taskId } = await anOfferTask(spec.units, spec.announcer);
    await complete(offerId);
    const task = await spec.tasks.findById(spec.db.dataSource.manager, taskId);
    expect(task).toMatchObject({ status: 'done', outcome: 'accepted', assignee: null });
    expect(task!.completedAt).toBeInstanceOf(Date);
    const events = await outboxOf(spec.db, taskId);
    expect(events.map((e) => e.type)).toEqual([TASK_EVENT_TYPES.created, TASK_EVENT_TYPES.completed]);
    expect(events[1].data).toMatchObject({ offerId, outcome: 'accepted' });
  });

  it('keeps the placement the acceptance names on the task, beside its context', async () => {
    const { offerId, taskId } = await anOfferTask(spec.units, spec.announcer);
    const before = (await spec.tasks.findById(spec.db.dataSource.manager, taskId))!.context;
    await spec.units.run((uow) =>
      sut.execute(
        new CompleteSourcedTaskCommand({
          sourceKey: taskSourceKey.bridgingOffer(offerId),
          outcome: 'accepted',
          context: { placementId: 'placement-1' },
        }),
        uow,
      ),
    );
    expect((await spec.tasks.findById(spec.db.dataSource.manager, taskId))!.context).toEqual({
      ...before,
      placementId: 'placement-1',
    });
  });

  it('leaves the task of an offer withdrawn before it was accepted cancelled, and announces nothing', async () => {
    const { offerId, taskId } = await anOfferTask(spec.units, spec.announcer);
    await spec.units.run((uow) =>
      new CancelOfferTask(spec.tasks, spec.announcer, systemClock).execute(
        new CancelOfferTaskCommand({ offerId, reason: 'offer-withdrawn' }),
        uow,
      ),
    );
    await complete(offerId);
    expect(await spec.tasks.findById(spec.db.dataSource.manager, taskId)).toMatchObject({
      status: 'cancelled',
      outcome: null,
    });
    expect((await outboxOf(spec.db, taskId)).map((e) => e.type)).toEqual([
      TASK_EVENT_TYPES.created,
      TASK_EVENT_TYPES.cancelled,
    ]);
  });

  it('announces an acceptance delivered twice once', async () => {
    const { offerId, taskId } = await anOfferTask(spec.units, spec.announcer);
    await complete(offerId);
    await complete(offerId);
    expect((await outboxOf(spec.db, taskId)).map((e) => e.type)).toEqual([
      TASK_EVENT_TYPES.created,
      TASK_EVENT_TYPES.completed,
    ]);
  });

  it('does nothing for an offer that has no task', async () => {
    await expect(complete(randomUUID())).resolves.toBeUndefined();
  });
});
