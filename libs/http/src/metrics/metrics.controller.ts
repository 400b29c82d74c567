import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request } from 'express';
import { Registry } from 'prom-client';
import { Public } from '../auth/auth.decorators';
import { HttpError } from '../problem/http-errors';
import { metricsAccess, METRICS_ACCESS_SETTINGS, type MetricsAccessSettings } from './metrics-access';
import { METRICS_TOKEN_SCHEME } from '../openapi/openapi-document';
import { MetricsRegistry } from './metrics-registry';

// Probes and scrapes are never rate limited: a throttled probe would restart a healthy pod.
// Public to the bearer-token guard: a scrape is let in by its network or the scrape token instead.
@SkipThrottle()
@Public()
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly registry: MetricsRegistry,
    @Inject(METRICS_ACCESS_SETTINGS) private readonly access: MetricsAccessSettings,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics: counters and histograms without personal data' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The Prometheus text format', schema: { type: 'string' } })
  // Listed bottom-up: no token (an allowed network), then the scrape token.
  @ApiSecurity(METRICS_TOKEN_SCHEME)
  @ApiSecurity({})
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  scrape(@Req() request: Request): Promise<string> {
    // The socket's peer, never X-Forwarded-For: a header anyone can write opens nothing.
    const verdict = metricsAccess(request.socket.remoteAddress, request.headers.authorization, this.access);
    // The problem filter adds `WWW-Authenticate: Bearer` to the 401.
    if (verdict === 'token-required') {
      throw new HttpError(401, 'metrics-token-required', 'Scraping from this network takes the scrape token');
    }
    if (verdict === 'network-refused') {
      throw new HttpError(403, 'metrics-network-refused', 'Metrics are not served to this network');
    }
    return this.registry.metrics();
  }
}
