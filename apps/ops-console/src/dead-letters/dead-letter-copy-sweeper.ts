import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SERVICE_LOGGER } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import type { Logger } from 'pino';
import { OPS_SETTINGS, type OpsSettings } from '../config/ops-settings';
import { DeadLettersRepository } from './dead-letters.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Clears the replay copies of dead letters older than DEAD_LETTER_COPY_RETENTION_DAYS, at start-up
 * and every DEAD_LETTER_SWEEP_INTERVAL_MS. Idempotent, so several console instances may run it.
 */
@Injectable()
export class DeadLetterCopySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly units: UnitsOfWork,
    private readonly deadLetters: DeadLettersRepository,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.settings.deadLetterSweepIntervalMs);
    void this.sweep();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many copies were cleared. */
  async sweep(now = new Date()): Promise<number> {
    if (this.running) await this.running;
    let cleared = 0;
    const cutoff = new Date(now.getTime() - this.settings.deadLetterCopyRetentionDays * DAY_MS);
    this.running = this.units
      .run((uow) => this.deadLetters.expireCopies(uow.em, cutoff))
      .then((n) => {
        cleared = n;
        if (n) this.logger.info({ cleared: n }, 'cleared expired dead-letter copies');
      })
      .catch((err: unknown) =>
        this.logger.warn({ err }, 'dead-letter copy sweep failed; retried next interval'),
      )
      .finally(() => (this.running = undefined));
    await this.running;
    return cleared;
  }
}
