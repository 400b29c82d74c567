import { TASK_EVENT_TYPES } from '@samenspel/contracts';
import type { UnitsOfWork } from '@samenspel/messaging';
import type { TestDatabase } from '@samenspel/testing';
import { systemClock } from '@samenspel/clock';
import { randomUUID } from 'node:crypto';
import { aNotificationDatabase, anOfferTask, outboxOf } from '../../../../test/medium-test';
import type { TaskAnnouncer } from '../../task-announcer';
import type { TasksRepository } from '../../tasks.repository';
import { taskSourceKey } from '../../task-sources';
import { CompleteSourcedTaskCommand } from '../complete-sourced-task/complete-sourced-task.command';
import { CompleteSourcedTask } from '../complete-sourced-task/complete-sourced-task.usecase';
import { CancelOfferTaskCommand } from './cancel-offer-task.command';
import { CancelOfferTask } from './cancel-offer-task.usecase';

describe('CancelOfferTask against PostgreSQL', () => {
  let db: TestDatabase;
  let units: UnitsOfWork;
  let tasks: TasksRepository;
  let announcer: TaskAnnouncer;
  let sut: CancelOfferTask;

  beforeAll(async () => {
    ({ db, units, tasks, announcer } = await aNotificationDatabase('notification_cancel_offer'));
    sut = new CancelOfferTask(tasks, announcer, systemClock);
  });
  afterAll(async () => db?.drop());

  const cancel = (offerId: string, reason: string) =>
    units.run((uow) => sut.execute(new CancelOfferTaskCommand({ offerId, reason }), uow));

  it('cancels the open task of an expired offer and announces it with the reason', async () => {
    const { offerId, taskId } = await anOfferTask(units, announcer);
    await cancel(offerId, 'offer-expired');
    const task = await tasks.findById(db.dataSource.manager, taskId);
    expect(task).toMatchObject({ status: 'cancelled', cancelReason: 'offer-expired' });
    expect(task!.cancelledAt).toBeInstanceOf(Date);
    const events = await outboxOf(db, taskId);
    expect(events.map((e) => e.type)).toEqual([TASK_EVENT_TYPES.created, TASK_EVENT_TYPES.cancelled]);
    expect(events[1].data).toMatchObject({ offerId, reason: 'offer-expired' });
  });

  it('leaves the task of an offer accepted before it expired done, and announces nothing', async () => {
    const { offerId, taskId } = await anOfferTask(units, announcer);
    await units.run((uow) =>
      new CompleteSourcedTask(tasks, announcer, systemClock).execute(
        new CompleteSourcedTaskCommand({
          sourceKey: taskSourceKey.bridgingOffer(offerId),
          outcome: 'accepted',
        }),
        uow,
      ),
    );
    await cancel(offerId, 'offer-expired');
    expect(await tasks.findById(db.dataSource.manager, taskId)).toMatchObject({
      status: 'done',
      cancelReason: null,
    });
    expect((await outboxOf(db, taskId)).map((e) => e.type)).toEqual([
      TASK_EVENT_TYPES.created,
      TASK_EVENT_TYPES.completed,
    ]);
  });

  it('keeps the first reason when a second event cancels the task again', async () => {
    const { offerId, taskId } = await anOfferTask(units, announcer);
    await cancel(offerId, 'offer-declined');
    await cancel(offerId, 'offer-expired');
    expect(await tasks.findById(db.dataSource.manager, taskId)).toMatchObject({
      cancelReason: 'offer-declined',
    });
    expect((await outboxOf(db, taskId)).map((e) => e.type)).toEqual([
      TASK_EVENT_TYPES.created,
      TASK_EVENT_TYPES.cancelled,
    ]);
  });

  it('does nothing for an offer that has no task', async () => {
    await expect(cancel(randomUUID(), 'offer-withdrawn')).resolves.toBeUndefined();
  });
});
