import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SERVICE_LOGGER } from '@samenspel/http';
import { isTransientInfrastructureError } from '@samenspel/persistence';
import type { Logger } from 'pino';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../config/notification.config';
import { DeliveryWorker } from '../webhooks/delivery-worker';
import { FollowUpScheduler } from '../follow-ups/follow-up-scheduler';
import { OverdueMonitor } from '../tasks/overdue-monitor';

/**
 * Every SCHEDULER_TICK_MS each instance runs the follow-up scheduler, the overdue monitor and the
 * delivery worker, one after the other (never overlapping itself). All state is in PostgreSQL, so
 * any number of instances can tick; SKIP LOCKED keeps them off each other's rows.
 */
@Injectable()
export class Ticker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly scheduler: FollowUpScheduler,
    private readonly overdue: OverdueMonitor,
    private readonly deliveries: DeliveryWorker,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.SCHEDULER_TICK_MS);
    void this.tick();
  }

  /** Stops ticking and waits for a tick in flight before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  tick(): Promise<void> {
    if (this.running || this.stopped) return this.running ?? Promise.resolve();
    this.running = this.work().finally(() => (this.running = undefined));
    return this.running;
  }

  private async work(): Promise<void> {
    const jobs: [string, () => Promise<unknown>][] = [
      ['follow-up steps', () => this.scheduler.runDueSteps()],
      ['overdue tasks', () => this.overdue.run()],
      ['deliveries', () => this.deliveries.run()],
    ];
    for (const [name, job] of jobs) {
      if (this.stopped) return;
      try {
        await job();
      } catch (error) {
        const transient = isTransientInfrastructureError(error);
        this.logger[transient ? 'warn' : 'error'](
          { err: error, job: name },
          'scheduler job failed; retried next tick',
        );
      }
    }
  }
}
