import { samenspelContracts } from '@samenspel/contracts';
import { MessagingCore1764201600000, Outbox, UnitsOfWork } from '@samenspel/messaging';
import { aYouthRef, createTestDatabase, type TestDatabase } from '@samenspel/testing';
import { systemClock } from '@samenspel/clock';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { NotificationConfig } from '../src/config/notification.config';
import { TeamContactsRepository } from '../src/email/team-contacts.repository';
import { Notification1764288000000 } from '../src/migrations/1764288000000-notification';
import { WebhookDelete1796083200000 } from '../src/migrations/1796083200000-webhook-delete';
import { TaskCompletion1796000000000 } from '../src/migrations/1796000000000-task-completion';
import { TaskAnnouncer } from '../src/tasks/task-announcer';
import { taskSourceKey } from '../src/tasks/task-sources';
import { TaskEntity } from '../src/tasks/task.entity';
import { TasksRepository } from '../src/tasks/tasks.repository';
import { CreateTaskCommand } from '../src/tasks/usecases/create-task/create-task.command';
import { CreateTask } from '../src/tasks/usecases/create-task/create-task.usecase';
import { DeliveriesRepository } from '../src/webhooks/deliveries.repository';
import { WebhooksRepository } from '../src/webhooks/webhooks.repository';

/** Medium tests: use cases with real repositories against a fresh PostgreSQL database. */
export async function aNotificationDatabase(prefix: string) {
  const db: TestDatabase = await createTestDatabase(prefix, {
    entities: [TaskEntity],
    migrations: [
      MessagingCore1764201600000,
      Notification1764288000000,
      WebhookDelete1796083200000,
      TaskCompletion1796000000000,
    ],
  });
  const units = new UnitsOfWork(
    db.dataSource,
    new Outbox('urn:samenspel:notification', samenspelContracts()),
  );
  return { db, units, tasks: new TasksRepository(), announcer: aTaskAnnouncer() };
}

/** E-mail off: a change is announced on the outbox, to webhooks and on the stream. */
function aTaskAnnouncer(): TaskAnnouncer {
  return new TaskAnnouncer(
    new DeliveriesRepository(),
    new TeamContactsRepository(),
    { SMTP_URL: undefined } as NotificationConfig,
    systemClock,
  );
}

/** The database of one file's specs: made before they run and dropped after them. */
export interface NotificationSpecDatabase {
  /** Set once the file's specs run. */
  db: TestDatabase;
  /** Set once the file's specs run. */
  units: UnitsOfWork;
  tasks: TasksRepository;
  announcer: TaskAnnouncer;
}

/** aNotificationDatabase for the specs of the calling file, with its beforeAll and afterAll. */
export function aNotificationDatabaseForTheseSpecs(prefix: string): NotificationSpecDatabase {
  const spec = { tasks: new TasksRepository(), announcer: aTaskAnnouncer() } as NotificationSpecDatabase;
  beforeAll(async () => {
    ({ db: spec.db, units: spec.units } = await aNotificationDatabase(prefix));
  });
  afterAll(async () => spec.db?.drop());
  return spec;
}

/** An open bridging-offer task of a new team and youngster, created as the offered event creates it. */
export async function anOfferTask(
  units: UnitsOfWork,
  announcer: TaskAnnouncer,
): Promise<{ offerId: string; taskId: string }> {
  const offerId = randomUUID();
  const now = new Date();
  const task = await units.run((uow) =>
    new CreateTask(new TasksRepository(), announcer).execute(
      new CreateTaskCommand({
        sourceKey: taskSourceKey.bridgingOffer(offerId),
        teamId: randomUUID(),
        type: 'bridging-offer',
        youthRef: aYouthRef(),
        dueAt: new Date(now.getTime() + 3 * 24 * 3600 * 1000),
        context: {},
        offerId,
        now,
      }),
      uow,
    ),
  );
  return { offerId, taskId: task!.id };
}

/** The task's events in the outbox, in order, with the data they carry. */
export async function outboxOf(
  db: TestDatabase,
  taskId: string,
): Promise<{ type: string; data: Record<string, unknown> }[]> {
  return db.dataSource.query(
    `SELECT event_type AS type, payload->'data' AS data FROM outbox_event
      WHERE aggregate_id = $1 ORDER BY position`,
    [taskId],
  );
}

/** An active webhook of the team for task.created, registered by lead-1; returns its id. */
export async function aWebhook(em: EntityManager, teamId: string): Promise<string> {
  const id = randomUUID();
  await new WebhooksRepository().insert(em, {
    id,
    team_id: teamId,
    url: 'https://example.org/hook',
    events: ['task.created'],
    secret: 'whsec_test',
    created_by: 'lead-1',
  });
  return id;
}
