import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { NotReadyError } from './not-ready.error';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

const CHECK_TIMEOUT_MS = 3000;

// Probes and scrapes are never rate limited: a throttled probe would restart a healthy pod.
@SkipThrottle()
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** 200 whenever the process can answer: restart it only when this fails. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when every readiness check passes, else 503: send it traffic only then. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database, Kafka and the consumers answer' })
  @HealthCheck()
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(
        this.checks.map(
          (readiness) => () =>
            this.indicators
              .check(readiness.name)
              .attempt(({ signal }) => readiness.check(signal))
              .withTimeout(CHECK_TIMEOUT_MS),
        ),
      );
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      throw new NotReadyError(result.details ?? {});
    }
  }
}
