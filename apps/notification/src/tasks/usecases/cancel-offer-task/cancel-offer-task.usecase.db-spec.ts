import { systemClock } from '@samenspel/clock';
import { TASK_EVENT_TYPES } from '@samenspel/contracts';
import { randomUUID } from 'node:crypto';
import { aNotificationDatabaseForTheseSpecs, anOfferTask, outboxOf } from '../../../../test/medium-test';
import { taskSourceKey } from '../../task-sources';
import { CompleteSourcedTaskCommand } from '../complete-sourced-task/complete-sourced-task.command';
import { CompleteSourcedTask } from '../complete-sourced-task/complete-sourced-task.usecase';
import { CancelOfferTaskCommand } from './cancel-offer-task.command';
import { CancelOfferTask } from './cancel-offer-task.usecase';

describe('CancelOfferTask against PostgreSQL', () => {
  const spec = aNotificationDatabaseForTheseSpecs('notification_cancel_offer');
  const sut = new CancelOfferTask(spec.tasks, spec.announcer, systemClock);

  const cancel = (offerId: string, reason: string) =>
    spec.units.run((uow) => sut.execute(new CancelOfferTaskCommand({ offerId, reason }), uow));

  it('cancels the open task of an expired offer and announces it with the reason', async () => {
    const { offerId, taskId } = await anOfferTask(spec.units, spec.announcer);
    await cancel(offerId, 'offer-expired');
    const task = await spec.tasks.findById(spec.db.dataSource.manager, taskId);
    expect(task).toMatchObject({ status: 'cancelled', cancelReason: 'offer-expired' });
    expect(task!.cancelledAt).toBeInstanceOf(Date);
    const events = await outboxOf(spec.db, taskId);
    expect(events.map((e) => e.type)).toEqual([TASK_EVENT_TYPES.created, TASK_EVENT_TYPES.cancelled]);
    expect(events[1].data).toMatchObject({ offerId, reason: 'offer-expired' });
  });

  it('leaves the task of an offer accepted before it expired done, and announces nothing', async () => {
    const { offerId, taskId } = await anOfferTask(spec.units, spec.announcer);
    await spec.units.run((uow) =>
      new CompleteSourcedTask(spec.tasks, spec.announcer, systemClock).execute(
        new CompleteSourcedTaskCommand({
          sourceKey: taskSourceKey.bridgingOffer(offerId),
          outcome: 'accepted',
        }),
        uow,
      ),
    );
    await cancel(offerId, 'offer-expired');
    expect(await spec.tasks.findById(spec.db.dataSource.manager, taskId)).toMatchObject({
      status: 'done',
      cancelReason: null,
    });
    expect((await outboxOf(spec.db, taskId)).map((e) => e.type)).toEqual([
      TASK_EVENT_TYPES.created,
      TASK_EVENT_TYPES.completed,
    ]);
  });

  it('keeps the first reason when a second event cancels the task again', async () => {
    const { offerId, taskId } = await anOfferTask(spec.units, spec.announcer);
    await cancel(offerId, 'offer-declined');
    await cancel(offerId, 'offer-expired');
    expect(await spec.tasks.findById(spec.db.dataSource.manager, taskId)).toMatchObject({
      cancelReason: 'offer-declined',
    });
    expect((await outboxOf(spec.db, taskId)).map((e) => e.type)).toEqual([
      TASK_EVENT_TYPES.created,
      TASK_EVENT_TYPES.cancelled,
    ]);
  });

  it('does nothing for an offer that has no task', async () => {
    await expect(cancel(randomUUID(), 'offer-withdrawn')).resolves.toBeUndefined();
  });
});
