/** What was done. `erase` is the AVG erasure of a youngster (recorded without the youthRef). */
export const AUDIT_ACTIONS = ['read', 'create', 'update', 'delete', 'erase'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Who acted: the claims of the bearer token (a person's or a system's), never a name. */
export interface AuditActor {
  sub: string;
  role: string;
  teamId?: string;
  org?: string;
}

/** One line to append to the audit trail. */
export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  /** What kind of record, e.g. 'referral', 'task', 'placement'. */
  resourceType: string;
  resourceId?: string | null;
  /** The youngster's pseudonymous youthRef, when the record is about one youngster. */
  subjectRef?: string | null;
  /** The "why": the endpoint, as HTTP method and route template (`/api/v1/referrals/:id`). */
  method?: string | null;
  route?: string | null;
  statusCode?: number | null;
  /** Defaults to the outcome the status code implies, or success. */
  outcome?: AuditOutcome;
  correlationId?: string | null;
  traceId?: string | null;
  occurredAt?: Date;
}

/** The row the entry becomes: columns of audit_record, without the id. */
export interface AuditRow {
  occurred_at: Date;
  actor_sub: string;
  actor_role: string;
  actor_team: string | null;
  actor_org: string | null;
  action: AuditAction;
  resource_type: string;
  resource_id: string | null;
  subject_ref: string | null;
  http_method: string | null;
  route: string | null;
  status_code: number | null;
  outcome: AuditOutcome;
  correlation_id: string | null;
  trace_id: string | null;
}

/** success below 400, denied for 401 and 403, failed for any other error. */
export function outcomeOf(statusCode: number | null | undefined): AuditOutcome {
  if (statusCode === undefined || statusCode === null || statusCode < 400) return 'success';
  return statusCode === 401 || statusCode === 403 ? 'denied' : 'failed';
}

/** The action an HTTP method stands for, for requests without an explicit @Audited action. */
export function actionOfMethod(method: string): AuditAction {
  switch (method.toUpperCase()) {
    case 'GET':
    case 'HEAD':
    case 'OPTIONS':
      return 'read';
    case 'POST':
      return 'create';
    case 'DELETE':
      return 'delete';
    default:
      return 'update';
  }
}

/** The resource a route is about, read from its template: `/api/v1/teams/:teamId` → `teams`. */
export function resourceOfRoute(route: string | null | undefined, prefix = 'api/v1'): string {
  const segments = (route ?? '').split('/').filter(Boolean);
  const prefixSegments = prefix.split('/').filter(Boolean);
  const rest = prefixSegments.every((s, i) => segments[i] === s)
    ? segments.slice(prefixSegments.length)
    : segments;
  return rest.find((s) => !s.startsWith(':')) ?? 'unknown';
}

const MAX_TEXT = 200;
/** A replay of up to 100 dead letters names them all. */
const MAX_RESOURCE_ID = 4000;
const clip = (value: string | null | undefined, max = MAX_TEXT) =>
  value === undefined || value === null || value === '' ? null : value.slice(0, max);

/** Turns an entry into its row, filling in the time and the outcome. */
export function toAuditRow(entry: AuditEntry, now: () => Date = () => new Date()): AuditRow {
  return {
    occurred_at: entry.occurredAt ?? now(),
    actor_sub: clip(entry.actor.sub) ?? 'unknown',
    actor_role: clip(entry.actor.role) ?? 'unknown',
    actor_team: clip(entry.actor.teamId),
    actor_org: clip(entry.actor.org),
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: clip(entry.resourceId, MAX_RESOURCE_ID),
    subject_ref: clip(entry.subjectRef),
    http_method: clip(entry.method),
    route: clip(entry.route),
    status_code: entry.statusCode ?? null,
    outcome: entry.outcome ?? outcomeOf(entry.statusCode),
    correlation_id: clip(entry.correlationId),
    trace_id: clip(entry.traceId),
  };
}
