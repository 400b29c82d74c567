import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '@samenspel/clock';
import { ACTIVITY_EVENT_TYPES, samenspelContracts, TOPICS } from '@samenspel/contracts';
import { Outbox, UnitsOfWork } from '@samenspel/messaging';
import { createDataSource } from '@samenspel/persistence';
import {
  DEFAULT_DATABASE_URL,
  TestKafka,
  authHeader,
  waitFor,
  type ServiceUnderTest,
} from '@samenspel/testing';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import type { NotificationConfig } from '../src/config/notification.config';
import { TeamContactsRepository } from '../src/email/team-contacts.repository';
import { FollowUpClaimsRepository } from '../src/follow-ups/follow-up-claims.repository';
import { FollowUpScheduler } from '../src/follow-ups/follow-up-scheduler';
import { FollowUpsRepository } from '../src/follow-ups/follow-ups.repository';
import { TaskAnnouncer } from '../src/tasks/task-announcer';
import { TaskEntity } from '../src/tasks/task.entity';
import { TasksRepository } from '../src/tasks/tasks.repository';
import { CreateTask } from '../src/tasks/usecases/create-task/create-task.usecase';
import { DeliveriesRepository } from '../src/webhooks/deliveries.repository';

export const BRIDGING = TOPICS.bridging;
export const REFERRAL = TOPICS.referral;

/** A structured-mode CloudEvent as a producer service would put it on the wire, with a plain producer. */
export function cloudEvent(type: string, key: string, data: object, id: string = randomUUID()) {
  return {
    key,
    value: JSON.stringify({
      specversion: '1.0',
      id,
      source: 'urn:samenspel:test:producer',
      type,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data,
    }),
    headers: { 'content-type': 'application/cloudevents+json' },
  };
}

export const aTeamId = () => randomUUID();

/** Announces a team as the activity service does, and waits until the service knows it. */
export async function announceTeam(sut: ServiceUnderTest, kafka: TestKafka, teamId: string): Promise<void> {
  const team = {
    teamId,
    name: 'Jongerenwerk Test',
    organisation: 'Stichting Synthetisch',
    municipalityCodes: [],
  };
  await kafka.produce(TOPICS.activity, [cloudEvent(ACTIVITY_EVENT_TYPES.teamCreated, teamId, team)]);
  const db = await serviceDb(sut.databaseName);
  try {
    await waitFor(
      async () => (await db.query(`SELECT 1 FROM known_team WHERE team_id = $1`, [teamId])).rowCount === 1,
      { description: `team ${teamId} known to the notification service` },
    );
  } finally {
    await db.end();
  }
}
export const anId = (prefix: string) => `${prefix}-${randomUUID()}`;

export function offered(youthRef: string, teamId: string, extra: Record<string, unknown> = {}) {
  return {
    waitlistEntryId: anId('wl'),
    youthRef,
    offerId: anId('offer'),
    activityId: anId('act'),
    teamId,
    expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
    rank: 1,
    activityTitle: 'Kickboksen voor starters',
    municipalityCode: 'GM0344',
    ...extra,
  };
}

export function referralCreated(youthRef: string, teamId: string, phase: 'before' | 'during' | 'after') {
  return {
    referralId: anId('ref'),
    youthRef,
    ageYears: 16,
    postcode4: '3511',
    municipalityCode: 'GM0344',
    direction: 'care-to-youth-work',
    phase,
    reason: 'aftercare',
    themes: ['sport'],
    status: 'requested',
    receivingTeamId: teamId,
    referredBy: { organisation: 'Synthetische Jeugdzorg', role: 'case-manager' },
  };
}

export interface TaskJson {
  id: string;
  teamId: string;
  type: string;
  status: string;
  youthRef: string;
  dueAt: string;
  priority: string;
  step?: string;
  offerId?: string;
  referralId?: string;
  outcome?: string;
  completedBy?: string;
  cancelReason?: string;
  assignee?: string;
  remindedAt?: string;
  escalatedAt?: string;
  context: Record<string, unknown>;
}

export async function api(
  sut: ServiceUnderTest,
  path: string,
  auth: Record<string, string>,
  init: { method?: string; body?: unknown } = {},
  // Response bodies are checked field by field in the specs; typing each one would add nothing.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sut.baseUrl}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { ...auth, ...(init.body !== undefined && { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function tasksOf(sut: ServiceUnderTest, teamId: string, query = ''): Promise<TaskJson[]> {
  const { status, body } = await api(
    sut,
    `/tasks?limit=200${query}`,
    await authHeader('team-lead', { teamId }),
  );
  if (status !== 200) throw new Error(`GET /tasks answered ${status}: ${JSON.stringify(body)}`);
  return body.items as TaskJson[];
}

/** A connection to the service's own database, to look at its outbox and scheduler rows. */
export async function serviceDb(databaseName: string): Promise<Client> {
  const url = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  url.pathname = `/${databaseName}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

/**
 * The follow-up scheduler of the service, built here on the service's own database with its real
 * repositories, so a test moves the scheduler's clock on by calling `runDueSteps(later)`: the
 * tasks it creates are announced on the outbox and the live stream as the service's own are.
 */
export async function aSchedulerOn(databaseName: string) {
  const dataSource = createDataSource({
    serverUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    database: databaseName,
    applicationName: 'samenspel-test-scheduler',
    entities: [TaskEntity],
    migrations: [],
    poolSize: 2,
  });
  await dataSource.initialize();
  const units = new UnitsOfWork(dataSource, new Outbox('urn:samenspel:notification', samenspelContracts()));
  // E-mail off: the steps are announced on the outbox, to webhooks and on the stream.
  const announcer = new TaskAnnouncer(
    new DeliveriesRepository(),
    new TeamContactsRepository(),
    {
      SMTP_URL: undefined,
    } as NotificationConfig,
    systemClock,
  );
  const scheduler = new FollowUpScheduler(
    units,
    new FollowUpsRepository(),
    new FollowUpClaimsRepository(),
    new CreateTask(new TasksRepository(), announcer),
    systemClock,
  );
  return { scheduler, close: () => dataSource.destroy() };
}

export async function outboxEventsFor(
  db: Client,
  taskId: string,
): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const { rows } = await db.query(
    `SELECT event_type AS type, payload->'data' AS data FROM outbox_event
      WHERE payload->'data'->>'taskId' = $1 ORDER BY position`,
    [taskId],
  );
  return rows;
}

export interface ReceivedHook {
  headers: IncomingMessage['headers'];
  body: string;
  status: number;
}

/** A real HTTP receiver on `host`: answers the statuses of `script` in turn, then 200. */
export async function webhookReceiver(script: number[] = [], host = '127.0.0.1') {
  const received: ReceivedHook[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const status = script.shift() ?? 200;
      received.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free port (plain SMTP, no auth), keeping every message it accepts. */
export async function smtpReceiver() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export { TestKafka };
