import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SERVICE_LOGGER } from '@samenspel/http';
import { withDatabase } from '@samenspel/persistence';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { Subject } from 'rxjs';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../config/notification.config';
import { TASK_CHANGES_CHANNEL } from './task-announcer';

export interface TaskChange {
  teamId: string;
  kind: string;
  task: Record<string, unknown>;
}

/**
 * Committed task changes of every instance, from PostgreSQL LISTEN/NOTIFY: the change is notified
 * in its own transaction, so a stream never shows a change that was rolled back, and a browser
 * connected to instance A sees what instance B's scheduler created.
 */
@Injectable()
export class TaskChangeFeed implements OnModuleInit, OnApplicationShutdown {
  readonly changes = new Subject<TaskChange>();
  private client?: Client;
  private closing = false;

  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: withDatabase(
        this.config.DATABASE_URL,
        this.config.DATABASE_NAME ?? 'samenspel_notification',
      ),
      application_name: 'samenspel-notification-stream',
    });
    client.on('notification', (msg) => {
      if (msg.channel !== TASK_CHANGES_CHANNEL || !msg.payload) return;
      try {
        this.changes.next(JSON.parse(msg.payload) as TaskChange);
      } catch (error) {
        this.logger.warn({ err: error }, 'unreadable task change notice');
      }
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'task change listener lost its connection; reconnecting');
      void client
        .end()
        .catch((endError: unknown) => this.logger.debug({ err: endError }, 'listener end failed'));
      this.reconnectSoon();
    });
    await client.connect();
    await client.query(`LISTEN ${TASK_CHANGES_CHANNEL}`);
    this.client = client;
  }

  private reconnectSoon(): void {
    if (this.closing) return;
    setTimeout(() => {
      this.connect().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'task change listener cannot reconnect yet');
        this.reconnectSoon();
      });
    }, 1000).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.changes.complete();
    await this.client?.end();
  }
}
