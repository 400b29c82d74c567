import { HttpError } from '../problem/http-errors';

type HealthDetails = Record<string, { status: string }>;

/** 503 from /health/ready, listing each check's status (not its error, which terminus logs). */
export class NotReadyError extends HttpError {
  constructor(details: HealthDetails) {
    const checks = Object.fromEntries(Object.entries(details).map(([name, result]) => [name, result.status]));
    const down = Object.keys(checks).filter((name) => checks[name] !== 'up' && checks[name] !== 'degraded');
    const detail = down.length > 0 ? `Not ready: ${down.join(', ')}` : 'The service is shutting down';
    super(503, 'not-ready', detail, { extensions: { checks } });
  }
}
