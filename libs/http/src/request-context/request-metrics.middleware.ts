import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_REQUEST_DURATION, type HttpRequestDuration } from '../metrics/http-metrics';

type RoutedRequest = IncomingMessage & { route?: { path?: unknown } };

/** Observes each request's duration under its route pattern ('unmatched' for a 404 without a route). */
@Injectable()
export class RequestMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(HTTP_REQUEST_DURATION) private readonly duration: HttpRequestDuration) {}

  use(request: RoutedRequest, response: ServerResponse, next: () => void): void {
    const stopTimer = this.duration.startTimer();
    response.once('finish', () => {
      const path = request.route?.path;
      // Nest answers unknown paths from a catch-all mounted without a leading slash ('*path').
      const route = typeof path === 'string' && path.startsWith('/') ? path : 'unmatched';
      stopTimer({ method: request.method ?? 'UNKNOWN', route, status: String(response.statusCode) });
    });
    next();
  }
}
