import { TASK_EVENT_TYPES } from '@samenspel/contracts';
import type { UnitsOfWork } from '@samenspel/messaging';
import type { TestDatabase } from '@samenspel/testing';
import { systemClock } from '@samenspel/clock';
import { randomUUID } from 'node:crypto';
import { aNotificationDatabase, anOfferTask, outboxOf } from '../../../../test/medium-test';
import type { TaskAnnouncer } from '../../task-announcer';
import type { TasksRepository } from '../../tasks.repository';
import { CancelOfferTaskCommand } from '../cancel-offer-task/cancel-offer-task.command';
import { CancelOfferTask } from '../cancel-offer-task/cancel-offer-task.usecase';
import { taskSourceKey } from '../../task-sources';
import { CompleteSourcedTaskCommand } from './complete-sourced-task.command';
import { CompleteSourcedTask } from './complete-sourced-task.usecase';

describe('CompleteSourcedTask against PostgreSQL', () => {
  let db: TestDatabase;
  let units: UnitsOfWork;
  let tasks: TasksRepository;
  let announcer: TaskAnnouncer;
  let sut: CompleteSourcedTask;

  beforeAll(async () => {
    ({ db, units, tasks, announcer } = await aNotificationDatabase('notification_complete_offer'));
    sut = new CompleteSourcedTask(tasks, announcer, systemClock);
  });
  afterAll(async () => db?.drop());

  const complete = (offerId: string) =>
    units.run((uow) =>
      sut.execute(
        new CompleteSourcedTaskCommand({
          sourceKey: taskSourceKey.bridgingOffer(offerId),
          outcome: 'accepted',
        }),
        uow,
      ),
    );

  it('completes the open task of an accepted offer with outcome accepted, naming nobody', async () => {
    const { offerId, taskId } = await anOfferTask(units, announcer);
    await complete(offerId);
    const task = await tasks.findById(db.dataSource.manager, taskId);
    expect(task).toMatchObject({ status: 'done', outcome: 'accepted', assignee: null });
    expect(task!.completedAt).toBeInstanceOf(Date);
    const events = await outboxOf(db, taskId);
    expect(events.map((e) => e.type)).toEqual([TASK_EVENT_TYPES.created, TASK_EVENT_TYPES.completed]);
    expect(events[1].data).toMatchObject({ offerId, outcome: 'accepted' });
  });

  it('keeps the placement the acceptance names on the task, beside its context', async () => {
    const { offerId, taskId } = await anOfferTask(units, announcer);
    const before = (await tasks.findById(db.dataSource.manager, taskId))!.context;
    await units.run((uow) =>
      sut.execute(
        new CompleteSourcedTaskCommand({
          sourceKey: taskSourceKey.bridgingOffer(offerId),
          outcome: 'accepted',
          context: { placementId: 'placement-1' },
        }),
        uow,
      ),
    );
    expect((await tasks.findById(db.dataSource.manager, taskId))!.context).toEqual({
      ...before,
      placementId: 'placement-1',
    });
  });

  it('leaves the task of an offer withdrawn before it was accepted cancelled, and announces nothing', async () => {
    const { offerId, taskId } = await anOfferTask(units, announcer);
    await units.run((uow) =>
      new CancelOfferTask(tasks, announcer, systemClock).execute(
        new CancelOfferTaskCommand({ offerId, reason: 'offer-withdrawn' }),
        uow,
      ),
    );
    await complete(offerId);
    expect(await tasks.findById(db.dataSource.manager, taskId)).toMatchObject({
      status: 'cancelled',
      outcome: null,
    });
    expect((await outboxOf(db, taskId)).map((e) => e.type)).toEqual([
      TASK_EVENT_TYPES.created,
      TASK_EVENT_TYPES.cancelled,
    ]);
  });

  it('announces an acceptance delivered twice once', async () => {
    const { offerId, taskId } = await anOfferTask(units, announcer);
    await complete(offerId);
    await complete(offerId);
    expect((await outboxOf(db, taskId)).map((e) => e.type)).toEqual([
      TASK_EVENT_TYPES.created,
      TASK_EVENT_TYPES.completed,
    ]);
  });

  it('does nothing for an offer that has no task', async () => {
    await expect(complete(randomUUID())).resolves.toBeUndefined();
  });
});
