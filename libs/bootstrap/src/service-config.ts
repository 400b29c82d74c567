import { BaseServiceConfig } from '@samenspel/http';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';

/** The variables of every event-driven service, on top of the HTTP ones. */
export class ServiceConfig extends BaseServiceConfig {
  /** The address the HTTP server binds to: loopback by default, 0.0.0.0 in a container. */
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/)
  HOST: string = '127.0.0.1';

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

  /** Overrides the service's own database name (samenspel_<service>); tests use a fresh one each. */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,62}$/)
  DATABASE_NAME?: string;

  /** Overrides the service's consumer group (samenspel-<service>); tests isolate themselves with it. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/)
  KAFKA_GROUP_ID?: string;

  /** Where a new consumer group starts: true = the oldest retained event, false = only new events. */
  // Read the raw string: implicit conversion would already have turned 'false' into true.
  @Transform(({ obj, value }) =>
    typeof obj.KAFKA_FROM_BEGINNING === 'string' ? obj.KAFKA_FROM_BEGINNING === 'true' : value,
  )
  @IsBoolean()
  KAFKA_FROM_BEGINNING: boolean = true;
}
