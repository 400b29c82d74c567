import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MetricsRegistry, SERVICE_LOGGER } from '@samenspel/http';
import { Outbox } from '@samenspel/messaging';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { ActivitiesRepository } from '../activities/activities.repository';
import { ACTIVITY_CONFIG, type ActivityConfig } from '../config/activity.config';
import { availableSeats } from '../domain/capacity';
import { placementEvent } from './placement.events';
import { queryOne } from '../shared/sql';
import { PlacementsRepository } from './placements.repository';

/** The reason of a placement.released event sent by the sweeper: the bridging service expires its offer on it. */
export const EXPIRED = 'expired';

/**
 * Releases expired holds. Its state is the placement table only, so it survives restarts, and any
 * number of instances may run: each transaction takes one activity with `FOR UPDATE SKIP LOCKED`
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
    private readonly dataSource: DataSource,
    private readonly activities: ActivitiesRepository,
    private readonly placements: PlacementsRepository,
    private readonly outbox: Outbox,
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

  private sweepOneActivity(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const target = await queryOne<{ id: string }>(
        em,
        `SELECT a.id FROM activity a
          WHERE EXISTS (SELECT 1 FROM placement p
                         WHERE p.activity_id = a.id AND p.status = 'held' AND p.expires_at < now())
          ORDER BY a.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!target) return 0;
      const holds = await this.placements.lockExpiredHolds(em, target.id, this.config.HOLD_SWEEP_BATCH_SIZE);
      const events = [];
      for (const hold of holds) {
        const released = await this.placements.setStatus(em, hold.id, 'released', EXPIRED);
        const activity = await this.activities.adjustSeats(em, target.id, -1, 0);
        events.push(placementEvent(released, availableSeats(activity)));
      }
      await this.outbox.append(em, events);
      this.expired.inc(holds.length);
      if (holds.length > 0)
        this.logger.info({ activityId: target.id, released: holds.length }, 'released expired holds');
      return holds.length;
    });
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
