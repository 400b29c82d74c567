import { aYouthRef } from '@samenspel/testing';
import { randomUUID } from 'node:crypto';
import { aNotificationDatabaseForTheseSpecs } from '../../test/medium-test';
import { TaskEntity } from './task.entity';
import { taskSourceKey } from './task-sources';
import type { NewTask } from './tasks.repository';

describe('TasksRepository.insertOnce, against PostgreSQL', () => {
  const spec = aNotificationDatabaseForTheseSpecs('notification_tasks_repository');

  const aNewTask = (extra: Partial<NewTask> = {}): NewTask => {
    const offerId = randomUUID();
    return {
      sourceKey: taskSourceKey.bridgingOffer(offerId),
      teamId: randomUUID(),
      type: 'bridging-offer',
      youthRef: aYouthRef(),
      dueAt: new Date(Date.now() + 3 * 24 * 3600 * 1000 + 123),
      priority: 'normal',
      // Not in jsonb's own key order, which is by length first.
      context: { municipalityCode: 'GM0363', activityTitle: 'Voetbal', rank: 2 },
      offerId,
      activityId: randomUUID(),
      ...extra,
    };
  };

  it.each([
    ['an open task', {}],
    ['a task claimed by its follow-up holder', { assignee: 'worker-7', step: 'check-in-2w' }],
  ])('returns %s exactly as loading it again gives it', async (_name, extra) => {
    const created = await spec.db.dataSource.transaction((em) => spec.tasks.insertOnce(em, aNewTask(extra)));
    const loaded = await spec.db.dataSource.getRepository(TaskEntity).findOneByOrFail({ id: created!.id });
    expect(created).toBeInstanceOf(TaskEntity);
    expect(created).toStrictEqual(loaded);
    expect(Object.keys(created!)).toEqual(Object.keys(loaded));
    expect(JSON.stringify(created!.context)).toBe(JSON.stringify(loaded.context));
  });

  it('creates nothing and returns null for a source key it has seen', async () => {
    const task = aNewTask();
    const first = await spec.db.dataSource.transaction((em) => spec.tasks.insertOnce(em, task));
    const again = await spec.db.dataSource.transaction((em) =>
      spec.tasks.insertOnce(em, { ...task, teamId: randomUUID() }),
    );
    expect(again).toBeNull();
    const rows = await spec.db.dataSource.getRepository(TaskEntity).findBy({ sourceKey: task.sourceKey });
    expect(rows.map((t) => t.id)).toEqual([first!.id]);
  });
});
