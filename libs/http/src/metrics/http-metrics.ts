import { Histogram } from 'prom-client';
import type { MetricsRegistry } from './metrics-registry';

export type HttpRequestDuration = Histogram<'method' | 'route' | 'status'>;

/** `http_request_duration_seconds`, labelled by the route pattern (never the raw URL, to bound the series). */
export function createHttpRequestDuration(registry: MetricsRegistry): HttpRequestDuration {
  return new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests in seconds, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
}

export const HTTP_REQUEST_DURATION = Symbol('HTTP_REQUEST_DURATION');
