import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MetricsRegistry, SERVICE_LOGGER } from '@samenspel/http';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import {
  RETENTION_ANONYMISER,
  RETENTION_POLICY,
  type ErasureCounts,
  type RetentionAnonymiser,
  type RetentionPolicy,
} from './erasure.ports';
import { YouthErasure } from './youth-erasure';

export const RETENTION_SWEEP_INTERVAL_MS = Symbol('RETENTION_SWEEP_INTERVAL_MS');

/**
 * Anonymises records whose flow ended longer ago than their retention period, and erases again any
 * recently erased youngster an event in flight brought back (YouthErasure.eraseReappeared). Its state is the
 * records themselves, so it survives restarts; several instances may run: each round takes a
 * transaction-scoped advisory lock and the instance that does not get it skips the round.
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly anonymised: Counter<'table'>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RETENTION_ANONYMISER) private readonly anonymiser: RetentionAnonymiser,
    @Inject(RETENTION_POLICY) private readonly policy: RetentionPolicy,
    private readonly erasure: YouthErasure,
    @Inject(RETENTION_SWEEP_INTERVAL_MS) private readonly intervalMs: number,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.anonymised = new Counter({
      name: 'samenspel_retention_rows_total',
      help: 'Rows anonymised or deleted by the retention sweeper, by table',
      labelNames: ['table'],
      registers: [metrics],
    });
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round at `now`; returns the rows changed per table (empty when another instance holds the lock). */
  sweep(now: Date = new Date()): Promise<ErasureCounts> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = (await em.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [
        'samenspel-retention-sweep',
      ])) as [{ locked: boolean }];
      if (!locked) return {};
      const counts = await this.anonymiser.anonymiseExpired(em, now, this.policy);
      counts.erased_again = await this.erasure.eraseReappeared(em);
      for (const [table, n] of Object.entries(counts)) if (n > 0) this.anonymised.inc({ table }, n);
      if (Object.values(counts).some((n) => n > 0)) this.logger.info({ counts }, 'retention applied');
      return counts;
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.error({ err: error }, 'retention sweep failed; retrying next round'),
        )
        .finally(() => this.schedule());
    }, this.intervalMs);
  }
}
