import { NAMED_ONLY_ROLES, ROLES, type Role } from '@samenspel/http';

/**
 * Who may call which HTTP route of which service: the source of truth for docs/access-matrix.md
 * (access-matrix.spec.ts checks the document against it) and for the matrix test, which calls
 * every route as every role (access-matrix.int-spec.ts).
 */

export type ServiceName = 'referral' | 'waitlist-bridging' | 'activity' | 'notification' | 'ops-console';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteAccess {
  method: Method;
  /** As in the OpenAPI document: `/api/v1/referrals/{id}`. */
  path: string;
  /** Callable without a token (probes, scrapes, the console page): every role may call it too. */
  public?: true;
  /** The roles that get past the role check; every other role gets 403. */
  roles: readonly Role[];
  /** What an allowed caller sees or may change, in one line. */
  scope: string;
  /** Served, but left out of the OpenAPI document (the console page). */
  undocumented?: true;
}

export const SERVICE_NAMES: readonly ServiceName[] = [
  'referral',
  'waitlist-bridging',
  'activity',
  'notification',
  'ops-console',
];

/** Every role, for a public route. */
const EVERYONE: readonly Role[] = ROLES;
/** Every role a route without @Roles() lets in: all but those that may call only routes naming them (policy). */
const ALL: readonly Role[] = ROLES.filter((r) => !NAMED_ONLY_ROLES.includes(r));
const TEAM: readonly Role[] = ['youth-worker', 'team-lead'];
const OPS: readonly Role[] = ['ops', 'admin'];

const PUBLIC_NO_DATA = 'Public; no personal data';

/** Health, metrics, service info and the audit trail: the same in every service. */
function common(): RouteAccess[] {
  return [
    { method: 'GET', path: '/health/live', public: true, roles: EVERYONE, scope: PUBLIC_NO_DATA },
    {
      method: 'GET',
      path: '/health/ready',
      public: true,
      roles: EVERYONE,
      scope: 'Public; dependency status only',
    },
    {
      method: 'GET',
      path: '/metrics',
      public: true,
      roles: EVERYONE,
      scope: '`METRICS_ALLOWED_CIDRS` (loopback) or the scrape token, else 401/403; no refs',
    },
    {
      method: 'GET',
      path: '/api/v1/service',
      roles: ALL,
      scope: "The service's name and version, and the caller's own claims",
    },
    {
      method: 'GET',
      path: '/api/v1/audit',
      roles: ['admin'],
      scope: "This service's audit trail; reading it is audited too",
    },
  ];
}

const REFERRAL_READ =
  'Team roles: referrals their team receives or referred (other: 403); intake-system: its own `org` only; ops, admin, service: all';
const REFERRAL_CHANGE =
  'Within the read scope (403 otherwise) and only the moves `mayMoveTo` allows (403 `not-your-move`)';

/**
 * FHIR R4 on the referral service: the REST API's tokens and scope, OperationOutcome for errors.
 * Left out of the OpenAPI document: a FHIR client reads GET /fhir/metadata instead.
 */
function fhirRoutes(): RouteAccess[] {
  const fhir = (method: Method, path: string, roles: readonly Role[], scope: string): RouteAccess => ({
    method,
    path: `/fhir/${path}`,
    roles,
    scope,
    undocumented: true,
  });
  return [
    { ...fhir('GET', 'metadata', EVERYONE, 'Public; the CapabilityStatement, no data'), public: true },
    fhir(
      'GET',
      'Task',
      ALL,
      "Only Tasks in the read scope: team roles their own team's, intake-system its own `org`'s, ops, admin, service all",
    ),
    fhir('GET', 'Task/{id}', ALL, `${REFERRAL_READ}; never a note`),
    fhir('PATCH', 'Task/{id}', ['intake-system', 'youth-worker', 'team-lead', 'admin'], REFERRAL_CHANGE),
    fhir('GET', 'ServiceRequest/{id}', ALL, REFERRAL_READ),
    fhir('GET', 'Consent/{id}', ALL, REFERRAL_READ),
    fhir('GET', 'Organization/{id}', ALL, 'Any team, as the public catalogue of teams'),
  ];
}

export const ACCESS_MATRIX: Record<ServiceName, readonly RouteAccess[]> = {
  referral: [
    ...common(),
    {
      method: 'POST',
      path: '/api/v1/referrals',
      roles: ['intake-system', 'youth-worker', 'team-lead'],
      scope:
        'intake-system: care-to-youth-work for its own `org`; team roles: youth-work-to-care for their own team',
    },
    {
      method: 'GET',
      path: '/api/v1/referrals',
      roles: ALL,
      scope: `${REFERRAL_READ}; a \`teamId\` filter for another team: 403; lists never carry notes`,
    },
    {
      method: 'GET',
      path: '/api/v1/referrals/{id}',
      roles: ALL,
      scope: `${REFERRAL_READ}; notes only for intake-system, team roles and admin, never ops or service`,
    },
    {
      method: 'POST',
      path: '/api/v1/referrals/{id}/transitions',
      roles: ['intake-system', 'youth-worker', 'team-lead', 'admin'],
      scope: REFERRAL_CHANGE,
    },
    {
      method: 'POST',
      path: '/api/v1/referrals/{id}/warm-handover',
      roles: ['intake-system', 'youth-worker', 'team-lead', 'admin'],
      scope: 'Within the read scope (403 otherwise)',
    },
    {
      method: 'POST',
      path: '/api/v1/referrals/{id}/warm-handover/outcome',
      roles: ['intake-system', 'youth-worker', 'team-lead', 'admin'],
      scope: 'Within the read scope (403 otherwise)',
    },
    ...fhirRoutes(),
  ],
  'waitlist-bridging': [
    ...common(),
    {
      method: 'GET',
      path: '/api/v1/waitlist-entries',
      roles: ['intake-system', 'ops', 'admin'],
      scope:
        'intake-system: entries its own organisation sent (`org` claim = event source); ops, admin: all; refs only',
    },
    {
      method: 'GET',
      path: '/api/v1/waitlist-entries/{waitlistEntryId}',
      roles: ['intake-system', 'ops', 'admin'],
      scope: "intake-system: its own organisation's entry (another's: 404); ops, admin: any; refs only",
    },
    {
      method: 'GET',
      path: '/api/v1/team-queue',
      roles: ['team-lead'],
      scope: "The caller's own team: youngsters queued in its activities' municipalities, counts only",
    },
    {
      method: 'GET',
      path: '/api/v1/measures',
      roles: ['ops', 'admin', 'intake-system', 'team-lead'],
      scope: 'Aggregates per municipality, no refs',
    },
    {
      method: 'GET',
      path: '/api/v1/offers/{offerId}',
      roles: TEAM,
      scope: "Team roles: their own team's offers (another team: 403)",
    },
    {
      method: 'POST',
      path: '/api/v1/offers/{offerId}/accept',
      roles: TEAM,
      scope: 'The team that owns the offer (another team: 403 `not-owning-team`)',
    },
    {
      method: 'POST',
      path: '/api/v1/offers/{offerId}/decline',
      roles: TEAM,
      scope: 'The team that owns the offer (another team: 403 `not-owning-team`)',
    },
  ],
  activity: [
    ...common(),
    { method: 'POST', path: '/api/v1/teams', roles: ['admin'], scope: 'Any team' },
    { method: 'GET', path: '/api/v1/teams', roles: ALL, scope: 'The public catalogue of teams' },
    { method: 'PATCH', path: '/api/v1/teams/{teamId}', roles: ['admin'], scope: 'Any team' },
    { method: 'GET', path: '/api/v1/teams/{teamId}', roles: ALL, scope: 'The public catalogue of teams' },
    {
      method: 'POST',
      path: '/api/v1/activities',
      roles: ['team-lead', 'admin'],
      scope: "team-lead: its own team's activities (another team: 403); admin: any team",
    },
    { method: 'GET', path: '/api/v1/activities', roles: ALL, scope: 'The public catalogue of activities' },
    {
      method: 'PATCH',
      path: '/api/v1/activities/{activityId}',
      roles: ['team-lead', 'admin'],
      scope: "team-lead: its own team's activities (another team: 403); admin: any team",
    },
    {
      method: 'GET',
      path: '/api/v1/activities/{activityId}',
      roles: ALL,
      scope: 'The public catalogue of activities',
    },
    ...(['publish', 'pause', 'close'] as const).map((action): RouteAccess => ({
      method: 'POST',
      path: `/api/v1/activities/{activityId}/${action}`,
      roles: ['team-lead', 'admin'],
      scope: "team-lead: its own team's activities (another team: 403); admin: any team",
    })),
    {
      method: 'POST',
      path: '/api/v1/placements',
      roles: ['service', 'admin', 'team-lead', 'youth-worker'],
      scope: "Team roles: a seat in their own team's activity (another team: 403); service, admin: any",
    },
    {
      method: 'POST',
      path: '/api/v1/placements/hold-best',
      roles: ['service', 'admin', 'team-lead', 'youth-worker'],
      scope: "Team roles: a seat in the best of their own team's activities; service, admin: any team's",
    },
    {
      method: 'POST',
      path: '/api/v1/placements/hold-best/batch',
      roles: ['service', 'admin', 'team-lead', 'youth-worker'],
      scope:
        "As hold-best, for up to 50 youngsters in order; team roles: each seat in their own team's activities",
    },
    {
      method: 'GET',
      path: '/api/v1/placements',
      roles: ['service', 'admin', 'ops', 'team-lead', 'youth-worker'],
      scope: "Team roles: their own team's placements only; ops, admin, service: all; refs only",
    },
    {
      method: 'GET',
      path: '/api/v1/placements/{placementId}',
      roles: ['service', 'admin', 'ops', 'team-lead', 'youth-worker'],
      scope: "Team roles: their own team's (another team: 403); ops, admin, service: any; refs only",
    },
    ...(['confirm', 'release', 'cancel', 'complete'] as const).map((action): RouteAccess => ({
      method: 'POST',
      path: `/api/v1/placements/{placementId}/${action}`,
      roles: ['service', 'admin', 'team-lead', 'youth-worker'],
      scope: "Team roles: their own team's placements (another team: 403); service, admin: any",
    })),
    {
      method: 'POST',
      path: '/api/v1/placements/{placementId}/attendance',
      roles: ['admin', 'team-lead', 'youth-worker'],
      scope: "Team roles: their own team's placements (another team: 403); admin: any",
    },
    {
      method: 'GET',
      path: '/api/v1/placements/{placementId}/attendance',
      roles: ['admin', 'ops', 'team-lead', 'youth-worker', 'service'],
      scope: "Team roles: their own team's (another team: 403); ops, admin, service: any",
    },
    {
      method: 'GET',
      path: '/api/v1/activities/{activityId}/attendance-summary',
      roles: ['admin', 'ops', 'team-lead', 'youth-worker', 'service'],
      scope:
        "Team roles: their own team's activity (another team: 403); ops, admin, service: any; counts only",
    },
    {
      method: 'POST',
      path: '/api/v1/matching/candidates',
      roles: ['service', 'admin', 'ops', 'team-lead', 'youth-worker'],
      scope: 'Published activities that fit a profile (age, postcode4, themes); no refs stored',
    },
    ...[
      '/hsds',
      '/hsds/services',
      '/hsds/services/{id}',
      '/hsds/service_at_locations',
      '/hsds/organizations',
      '/hsds/organizations/{id}',
      '/hsds/taxonomies',
      '/hsds/taxonomies/{id}',
      '/hsds/taxonomy_terms',
      '/hsds/taxonomy_terms/{id}',
    ].map((path): RouteAccess => ({
      method: 'GET',
      path,
      roles: ALL,
      scope: 'The public catalogue as Open Referral HSDS 3.0: published activities and teams, no refs',
    })),
  ],
  notification: [
    ...common(),
    {
      method: 'GET',
      path: '/api/v1/tasks',
      roles: ['youth-worker', 'team-lead', 'ops', 'admin', 'service'],
      scope:
        "Team roles: their own team's (a `teamId` for another team: 403); ops, admin, service: any team; notes never to ops or service",
    },
    {
      method: 'GET',
      path: '/api/v1/tasks/stream',
      roles: ['youth-worker', 'team-lead', 'ops', 'admin', 'service'],
      scope:
        'As `GET /tasks`; a signed-in page authenticates with its session cookie; notes never to ops or service',
    },
    {
      method: 'GET',
      path: '/api/v1/tasks/{id}',
      roles: ['youth-worker', 'team-lead', 'ops', 'admin', 'service'],
      scope: "Team roles: their own team's (another team: 404); notes never to ops or service",
    },
    {
      method: 'POST',
      path: '/api/v1/tasks/{id}/claim',
      roles: ['youth-worker', 'team-lead', 'admin'],
      scope: "Team roles: their own team's tasks (another team: 404); admin: any",
    },
    {
      method: 'POST',
      path: '/api/v1/tasks/{id}/complete',
      roles: ['youth-worker', 'team-lead', 'admin'],
      scope: "Team roles: their own team's tasks (another team: 404); admin: any",
    },
    {
      method: 'POST',
      path: '/api/v1/tasks/{id}/cancel',
      roles: ['team-lead', 'admin'],
      scope: "team-lead: their own team's tasks (another team: 404); admin: any",
    },
    {
      method: 'GET',
      path: '/api/v1/workspace/team',
      roles: ['team-lead'],
      scope:
        "The caller's own team: open and overdue tasks per worker, its activities' live capacity, the queued count",
    },
    {
      method: 'GET',
      path: '/api/v1/workspace/tasks/{id}',
      roles: TEAM,
      scope:
        "Team roles: their own team's tasks (another team: 404); activity and offer as the owners show them to the caller",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/tasks/{id}/accept',
      roles: TEAM,
      scope: "Team roles: their own team's offer tasks (another team: 404); bridging accepts as the caller",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/tasks/{id}/decline',
      roles: TEAM,
      scope: "Team roles: their own team's offer tasks (another team: 404); completes the task as declined",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/tasks/{id}/first-contact',
      roles: TEAM,
      scope:
        "Team roles: their own team's follow-up steps (another team: 404); completes the first-contact step",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/tasks/{id}/follow-up-step',
      roles: TEAM,
      scope: "Team roles: their own team's follow-up steps (another team: 404); completes the step",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/activities/{activityId}/publish',
      roles: ['team-lead'],
      scope: "As the activity service's route, called with the caller's token (another team: 403)",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/activities/{activityId}/pause',
      roles: ['team-lead'],
      scope: "As the activity service's route, called with the caller's token (another team: 403)",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/activities/{activityId}/close',
      roles: ['team-lead'],
      scope: "As the activity service's route, called with the caller's token (another team: 403)",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/placements/{placementId}/attendance',
      roles: TEAM,
      scope: "As the activity service's route, called with the caller's token (another team: 403)",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/referrals/{referralId}/warm-handover',
      roles: TEAM,
      scope: "As the referral service's route, called with the caller's token",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/referrals/{referralId}/warm-handover/outcome',
      roles: TEAM,
      scope: "As the referral service's route, called with the caller's token",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/follow-ups/{youthRef}/claim',
      roles: TEAM,
      scope: "Team roles: a youngster their own team has work for (else 404); another worker's: 409",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/follow-ups/{youthRef}/release',
      roles: TEAM,
      scope: "Team roles: their own team's follow-ups (else 404); the holder's own, or any for a team-lead",
    },
    {
      method: 'POST',
      path: '/api/v1/workspace/follow-ups/{youthRef}/reassign',
      roles: ['team-lead'],
      scope: "team-lead: their own team's follow-ups (else 404), to a worker the team knows (else 422)",
    },
    {
      method: 'POST',
      path: '/api/v1/webhooks',
      roles: ['team-lead', 'admin'],
      scope: 'team-lead: for their own team (another: 403); admin: names the team',
    },
    {
      method: 'GET',
      path: '/api/v1/webhooks',
      roles: ['team-lead', 'admin', 'ops'],
      scope: "team-lead: their own team's (another: 403); admin, ops: name the team",
    },
    {
      method: 'GET',
      path: '/api/v1/webhooks/{id}/deliveries',
      roles: ['team-lead', 'admin', 'ops'],
      scope: "team-lead: own team's (another: 404); admin, ops: any; receiver status and error: admin only",
    },
    {
      method: 'POST',
      path: '/api/v1/webhooks/{id}/enable',
      roles: ['team-lead', 'admin'],
      scope: "team-lead: their own team's webhooks (another team: 404); admin: any",
    },
    {
      method: 'DELETE',
      path: '/api/v1/webhooks/{id}',
      roles: ['team-lead', 'admin'],
      scope: "team-lead: their own team's webhooks (another team: 404); admin: any",
    },
    {
      method: 'PUT',
      path: '/api/v1/teams/{teamId}/contacts',
      roles: ['team-lead', 'admin'],
      scope: 'team-lead: their own team (another: 403); admin: any team; a team that does not exist: 404',
    },
  ],
  'ops-console': [
    ...common(),
    {
      method: 'GET',
      path: '/api/v1/console',
      public: true,
      roles: EVERYONE,
      scope: 'Public page without data; its calls need an ops or admin token',
      undocumented: true,
    },
    {
      method: 'GET',
      path: '/api/v1/console/impact',
      public: true,
      roles: EVERYONE,
      scope: 'Public impact page without data; its calls need an ops, admin or policy token',
      undocumented: true,
    },
    {
      method: 'GET',
      path: '/api/v1/console/impact.js',
      public: true,
      roles: EVERYONE,
      scope: "The impact page's script; no data",
      undocumented: true,
    },
    {
      method: 'GET',
      path: '/api/v1/console/chart.umd.js',
      public: true,
      roles: EVERYONE,
      scope: "Chart.js for the impact page's charts; no data",
      undocumented: true,
    },
    {
      method: 'GET',
      path: '/api/v1/console/impact.css',
      public: true,
      roles: EVERYONE,
      scope: "The impact page's style sheet; no data",
      undocumented: true,
    },
    { method: 'GET', path: '/api/v1/monitor/status', roles: OPS, scope: 'Monitor state, no refs' },
    {
      method: 'GET',
      path: '/api/v1/flows/{youthRef}',
      roles: OPS,
      scope: "One youngster's flow as event types, times and refs; never event data or notes",
    },
    { method: 'GET', path: '/api/v1/flow-counts', roles: OPS, scope: 'Aggregates' },
    {
      method: 'GET',
      path: '/api/v1/dead-letters',
      roles: OPS,
      scope: 'Coordinates, type, youthRef and a reason with quoted values blanked; never the payload',
    },
    {
      method: 'GET',
      path: '/api/v1/dead-letters/{id}/actions',
      roles: OPS,
      scope: 'Who replayed or resolved',
    },
    { method: 'POST', path: '/api/v1/dead-letters/replay', roles: OPS, scope: 'Any dead letter' },
    { method: 'POST', path: '/api/v1/dead-letters/{id}/resolve', roles: OPS, scope: 'Any dead letter' },
    { method: 'GET', path: '/api/v1/stuck-flows', roles: OPS, scope: 'Refs and the rule that flagged them' },
    { method: 'GET', path: '/api/v1/kafka/lag', roles: OPS, scope: 'Consumer-group lag, no refs' },
    { method: 'GET', path: '/api/v1/kafka/throughput', roles: OPS, scope: 'Rates, no refs' },
    {
      method: 'GET',
      path: '/api/v1/impact',
      roles: [...OPS, 'policy'],
      scope:
        'Aggregates per municipality and period; policy: its own `municipalityCodes` only (another: 403)',
    },
    {
      method: 'GET',
      path: '/api/v1/impact/export.csv',
      roles: [...OPS, 'policy'],
      scope: 'The same aggregates as CSV',
    },
    {
      method: 'POST',
      path: '/api/v1/erasures',
      roles: ['admin'],
      scope: 'Files an erasure request (AVG art. 17) for any youthRef',
    },
    {
      method: 'GET',
      path: '/api/v1/erasures',
      roles: OPS,
      scope: 'Which services confirmed each request; the youthRef only to admin, and to nobody once done',
    },
    {
      method: 'GET',
      path: '/api/v1/erasures/{id}',
      roles: OPS,
      scope: 'One request, as in the list',
    },
  ],
};

/** Whether this caller (a role, or no token at all) gets past authentication and the role check. */
export function isAllowed(route: RouteAccess, caller: Role | 'anonymous'): boolean {
  if (route.public) return true;
  return caller !== 'anonymous' && route.roles.includes(caller);
}

export function routeKey(route: Pick<RouteAccess, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
