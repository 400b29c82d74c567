import { BaseServiceConfig } from '@samenspel/http';
import { IsInt, Max, Min } from 'class-validator';

/** The variables of every event-driven service, on top of the HTTP ones. */
export class ServiceConfig extends BaseServiceConfig {
  /** Outbox rows per produce request. */
  @IsInt()
  @Min(1)
  @Max(5000)
  OUTBOX_BATCH_SIZE: number = 500;

  /** How often the relay looks for work when no notification woke it (ms). */
  @IsInt()
  @Min(10)
  @Max(60000)
  OUTBOX_POLL_INTERVAL_MS: number = 1000;

  /** Attempts of a failing handler before its event is dead-lettered. */
  @IsInt()
  @Min(1)
  @Max(20)
  CONSUMER_MAX_ATTEMPTS: number = 4;

  /** Connections in the service's PostgreSQL pool. */
  @IsInt()
  @Min(2)
  @Max(100)
  DATABASE_POOL_SIZE: number = 10;
}
