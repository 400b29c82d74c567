import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MetricsRegistry, SERVICE_LOGGER } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { ACTIVITY_CONFIG, type ActivityConfig } from '../config/activity.config';
import { ReleaseExpiredHoldsCommand } from './usecases/release-expired-holds/release-expired-holds.command';
import { ReleaseExpiredHolds } from './usecases/release-expired-holds/release-expired-holds.usecase';

/**
 * Releases expired holds. Its state is the placement table only, so it survives restarts, and any
 * number of instances may run: each unit of work takes one activity with `FOR UPDATE SKIP LOCKED`
 * (another sweeper, or a hold in progress, makes it skip to the next), then its expired holds, and
 * re-checks `status = 'held'` on the locked rows, so no hold is ever released twice.
 */
@Injectable()
export class HoldSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly expired: Counter;

  constructor(
    private readonly units: UnitsOfWork,
    private readonly releaseExpiredHolds: ReleaseExpiredHolds,
    @Inject(ACTIVITY_CONFIG) private readonly config: ActivityConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.expired = new Counter({
      name: 'activity_holds_expired_total',
      help: 'Holds released by the sweeper because they expired',
      registers: [metrics],
    });
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  /** Stops first on shutdown, so a sweep in flight finishes before the outbox flush and the pool close. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Releases every hold expired now; returns how many. Safe to call from several instances at once. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const released = await this.sweepOneActivity();
      total += released;
      if (released === 0 || this.stopped) return total;
    }
  }

  private async sweepOneActivity(): Promise<number> {
    const command = new ReleaseExpiredHoldsCommand({ limit: this.config.HOLD_SWEEP_BATCH_SIZE });
    const done = await this.units.run((uow) => this.releaseExpiredHolds.execute(command, uow));
    if (!done) return 0;
    // Counted once committed.
    this.expired.inc(done.released);
    if (done.released > 0) {
      this.logger.info({ activityId: done.activityId, released: done.released }, 'released expired holds');
    }
    return done.released;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.error({ err: error }, 'hold sweep failed; retrying next round'),
        )
        .finally(() => this.schedule());
    }, this.config.HOLD_SWEEP_INTERVAL_MS);
  }
}
