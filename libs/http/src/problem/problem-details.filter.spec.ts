import type { ArgumentsHost } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import * as contracts from '@samenspel/contracts';
import {
  ActivityClosed,
  ActivityNotFound,
  ActivityNotOpen,
  ActsForAnotherTeam,
  AlreadyPlaced,
  CapacityBelowOccupied,
  CatalogueObjectNotFound,
  ConsentMissing,
  DeadLetterRedacted,
  DeadLetterResolved,
  DomainError,
  HoldExpired,
  IllegalTransition,
  InvalidField,
  NoCapacity,
  NotFound,
  NoWarmHandover,
  NoYouthWorkTeam,
  OrgClaimMissing,
  OutcomeNotAllowed,
  OutcomeRequired,
  OutOfScope,
  PatchTestFailed,
  PlacementNotConfirmed,
  PlacementNotFound,
  PlacementRefusedByActivity,
  ReasonRequired,
  ReferenceConflict,
  ReferralClosed,
  RuleViolation,
  StateConflict,
  TaskNotCancellable,
  TaskNotClaimable,
  TaskNotCompletable,
  TeamNotFound,
  UnknownOutcome,
  NotAnOfferTask,
  NotAFollowUpStep,
  NotFirstContact,
  FollowUpHeldByAnother,
  WorkerNotInTeam,
  OutcomeReasonInvalid,
  UnsupportedTaskChange,
  WebhookTargetNotAllowed,
} from '@samenspel/contracts';
import pino from 'pino';
import { Writable } from 'node:stream';
import { ProblemDetailsFilter } from './problem-details.filter';
import type { ProblemDetails } from './problem-details';

const INSTANCE = '/api/v1/things/t-1';

/** What the filter hands the HTTP adapter for one exception, and what it logged. */
function answer(exception: unknown) {
  const sent: { status?: number; body?: ProblemDetails; headers: Record<string, string> } = { headers: {} };
  const adapter = {
    isHeadersSent: () => false,
    setHeader: (_response: unknown, name: string, value: string) => {
      sent.headers[name] = value;
    },
    reply: (_response: unknown, body: ProblemDetails, status: number) => {
      sent.body = body;
      sent.status = status;
    },
    end: () => undefined,
  };
  const logged: unknown[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const filter = new ProblemDetailsFilter({ httpAdapter: adapter } as unknown as HttpAdapterHost, pino(sink));
  const http = {
    getRequest: () => ({ method: 'POST', url: `${INSTANCE}?youthRef=y-1` }),
    getResponse: () => ({}),
  };
  filter.catch(exception, { getType: () => 'http', switchToHttp: () => http } as unknown as ArgumentsHost);
  return { ...sent, logged };
}

const problem = (code: string, title: string, status: number, detail: string, extensions = {}) => ({
  type: `https://samenspel.nl/problems/${code}`,
  title,
  status,
  detail,
  instance: INSTANCE,
  ...extensions,
});

/**
 * Every domain error of @samenspel/contracts, with the answer an HTTP caller gets. The bodies are
 * written out in full: a change of status, type, title, detail or extension fails here.
 */
const ANSWERS: { error: DomainError; status: number; body: ReturnType<typeof problem> }[] = [
  {
    error: new IllegalTransition('An activity that is closed cannot publish', { currentStatus: 'closed' }),
    status: 409,
    body: problem(
      'illegal-transition',
      'Illegal transition',
      409,
      'An activity that is closed cannot publish',
      { currentStatus: 'closed' },
    ),
  },
  {
    error: new ReasonRequired('Going to rejected needs a reasonCode'),
    status: 422,
    body: problem('reason-required', 'Reason required', 422, 'Going to rejected needs a reasonCode'),
  },
  {
    error: new ReasonRequired('Activity a-1 has 2 active placement(s): closing it needs a reason', {
      activePlacements: 2,
    }),
    status: 422,
    body: problem(
      'reason-required',
      'Reason required',
      422,
      'Activity a-1 has 2 active placement(s): closing it needs a reason',
      { activePlacements: 2 },
    ),
  },
  {
    error: new InvalidField('minAge', 'must not be above maxAge'),
    status: 400,
    body: problem(
      'validation-failed',
      'Validation failed',
      400,
      'The request has 1 invalid field(s): minAge',
      {
        errors: [{ field: 'minAge', messages: ['must not be above maxAge'] }],
      },
    ),
  },
  {
    error: new ActivityNotFound(),
    status: 404,
    body: problem('activity-not-found', 'Activity not found', 404, 'No such activity'),
  },
  {
    error: new CatalogueObjectNotFound('taxonomy term'),
    status: 404,
    body: problem(
      'taxonomy-term-not-found',
      'Taxonomy term not found',
      404,
      'No such taxonomy term in the published catalogue',
    ),
  },
  {
    error: new TeamNotFound(),
    status: 404,
    body: problem('team-not-found', 'Team not found', 404, 'No such team'),
  },
  {
    error: new PlacementNotFound(),
    status: 404,
    body: problem('placement-not-found', 'Placement not found', 404, 'No such placement'),
  },
  {
    // Names neither the team that owns the record nor the youngster it is about.
    error: new ActsForAnotherTeam('team-lead', 'yr_subject0001'),
    status: 403,
    body: problem('forbidden', 'Forbidden', 403, 'A team-lead acts for their own team only'),
  },
  {
    error: new NoCapacity('a-1', 12),
    status: 409,
    body: problem('no-capacity', 'No capacity', 409, 'Activity a-1 has no free seat (capacity 12)', {
      activityId: 'a-1',
      capacity: 12,
      available: 0,
    }),
  },
  {
    error: new ActivityNotOpen('a-1', 'paused'),
    status: 409,
    body: problem(
      'activity-not-open',
      'Activity not open',
      409,
      'Activity a-1 is paused and takes no placements',
      {
        activityId: 'a-1',
        currentStatus: 'paused',
      },
    ),
  },
  {
    error: new ActivityClosed('a-1'),
    status: 409,
    body: problem(
      'activity-closed',
      'Activity closed',
      409,
      'Activity a-1 is closed and can no longer change',
    ),
  },
  {
    error: new CapacityBelowOccupied(3, 2, 2),
    status: 409,
    body: problem(
      'capacity-below-occupied',
      'Capacity below occupied',
      409,
      // 2 held + 2 confirmed = 4 seats taken, one more than the new capacity.
      'Capacity 3 is below the 4 seat(s) held or confirmed',
      { held: 2, confirmed: 2 },
    ),
  },
  {
    error: new AlreadyPlaced('a-1', 'p-1', 'ref-1'),
    status: 409,
    body: problem(
      'already-placed',
      'Already placed',
      409,
      'This youngster already has a seat on activity a-1',
      {
        placementId: 'p-1',
        reference: 'ref-1',
      },
    ),
  },
  {
    error: new ReferenceConflict('p-1'),
    status: 409,
    body: problem(
      'reference-conflict',
      'Reference conflict',
      409,
      'This reference already belongs to another placement',
      {
        placementId: 'p-1',
      },
    ),
  },
  {
    error: new HoldExpired('p-1', new Date('2026-03-02T10:00:00Z')),
    status: 409,
    body: problem('hold-expired', 'Hold expired', 409, 'The hold of placement p-1 has expired', {
      expiresAt: '2026-03-02T10:00:00.000Z',
    }),
  },
  {
    error: new PlacementNotConfirmed('held'),
    status: 409,
    body: problem(
      'placement-not-confirmed',
      'Placement not confirmed',
      409,
      'Attendance is recorded for confirmed placements; this one is held',
      { currentStatus: 'held' },
    ),
  },
  {
    error: new OrgClaimMissing(),
    status: 403,
    body: problem('org-required', 'Org required', 403, 'An intake-system token needs an org claim'),
  },
  {
    error: new PlacementRefusedByActivity('https://samenspel.nl/problems/hold-expired', 409),
    status: 409,
    body: problem(
      'placement-refused',
      'Placement refused',
      409,
      'The activity service refused: https://samenspel.nl/problems/hold-expired',
      { activityProblem: 'https://samenspel.nl/problems/hold-expired' },
    ),
  },
  {
    // A refusal without a problem type is named by its status.
    error: new PlacementRefusedByActivity('', 409),
    status: 409,
    body: problem('placement-refused', 'Placement refused', 409, 'The activity service refused: 409', {
      activityProblem: '',
    }),
  },
  {
    error: new TaskNotClaimable('claimed'),
    status: 409,
    body: problem('task-not-claimable', 'Task not claimable', 409, 'The task is claimed'),
  },
  {
    error: new TaskNotCompletable('cancelled'),
    status: 409,
    body: problem('task-not-completable', 'Task not completable', 409, 'The task is cancelled', {
      taskStatus: 'cancelled',
    }),
  },
  {
    // Another worker completed it first: the loser hears how it ended.
    error: new TaskNotCompletable('done', 'declined'),
    status: 409,
    body: problem('task-not-completable', 'Task not completable', 409, 'The task is done (declined)', {
      taskStatus: 'done',
      outcome: 'declined',
    }),
  },
  {
    error: new TaskNotCancellable('done'),
    status: 409,
    body: problem('task-not-cancellable', 'Task not cancellable', 409, 'The task is done'),
  },
  {
    error: new NotAnOfferTask('follow-up'),
    status: 422,
    body: problem(
      'not-an-offer-task',
      'Not an offer task',
      422,
      'A follow-up task has no offer to accept or decline',
    ),
  },
  {
    error: new NotAFollowUpStep('handover-intake'),
    status: 422,
    body: problem(
      'not-a-follow-up-step',
      'Not a follow up step',
      422,
      'A handover-intake task is not a step of the follow-up plan',
    ),
  },
  {
    error: new NotFirstContact(),
    status: 422,
    body: problem(
      'not-first-contact',
      'Not first contact',
      422,
      'First contact is recorded on the first-contact step of the follow-up plan',
    ),
  },
  {
    // The holder is a worker's token subject, which the team sees anyway: never the youngster.
    error: new FollowUpHeldByAnother('w-anna'),
    status: 409,
    body: problem('follow-up-held', 'Follow up held', 409, 'Another worker holds this follow-up', {
      holder: 'w-anna',
    }),
  },
  {
    error: new WorkerNotInTeam(),
    status: 422,
    body: problem('worker-not-in-team', 'Worker not in team', 422, 'The worker is not known in this team'),
  },
  {
    error: new OutcomeReasonInvalid(['no-interest', 'not-reached']),
    status: 422,
    body: problem(
      'outcome-reason-invalid',
      'Outcome reason invalid',
      422,
      'A declined offer is completed with a reason: one of no-interest, not-reached',
      { allowed: ['no-interest', 'not-reached'] },
    ),
  },
  {
    error: new UnknownOutcome('follow-up', ['reached', 'not-reached']),
    status: 422,
    body: problem(
      'unknown-outcome',
      'Unknown outcome',
      422,
      'A follow-up task ends with one of: reached, not-reached',
      {
        allowed: ['reached', 'not-reached'],
      },
    ),
  },
  {
    error: new DeadLetterRedacted('dead letter d-2 had fields outside the contract redacted'),
    status: 409,
    body: problem(
      'dead-letter-redacted',
      'Dead letter redacted',
      409,
      'dead letter d-2 had fields outside the contract redacted',
    ),
  },
  {
    error: new WebhookTargetNotAllowed('cloud-metadata'),
    status: 400,
    body: problem('validation-failed', 'Validation failed', 400, 'The request has 1 invalid field(s): url', {
      errors: [
        {
          field: 'url',
          messages: [
            'must reach a public address; this one is cloud-metadata, which WEBHOOK_ALLOWED_TARGETS does not allow',
          ],
        },
      ],
    }),
  },
  {
    error: new DeadLetterResolved('dead letter d-1 is already resolved'),
    status: 409,
    body: problem('dead-letter-resolved', 'Dead letter resolved', 409, 'dead letter d-1 is already resolved'),
  },
  {
    error: new ConsentMissing(15, 'youth-and-guardian-consent-required'),
    status: 422,
    body: problem(
      'consent-missing',
      'Consent missing',
      422,
      'The consent does not allow a referral at age 15',
      {
        consentProblem: 'youth-and-guardian-consent-required',
      },
    ),
  },
  {
    error: new OutcomeRequired('Completing needs an outcome: one of reached, not-reached'),
    status: 422,
    body: problem(
      'outcome-required',
      'Outcome required',
      422,
      'Completing needs an outcome: one of reached, not-reached',
    ),
  },
  {
    error: new OutcomeNotAllowed('Only completing records an outcome'),
    status: 422,
    body: problem('outcome-not-allowed', 'Outcome not allowed', 422, 'Only completing records an outcome'),
  },
  {
    error: new ReferralClosed('cancelled'),
    status: 409,
    body: problem('referral-closed', 'Referral closed', 409, 'A cancelled referral gets no warm handover'),
  },
  {
    error: new NoYouthWorkTeam(),
    status: 409,
    body: problem(
      'no-team',
      'No team',
      409,
      'No youth-work team holds this referral yet, so nobody would get the task',
    ),
  },
  {
    error: new NoWarmHandover(),
    status: 409,
    body: problem(
      'no-warm-handover',
      'No warm handover',
      409,
      'No warm handover was planned for this referral',
    ),
  },
  {
    error: new UnsupportedTaskChange('A Task PATCH changes only status, statusReason and output'),
    status: 422,
    body: problem(
      'unsupported-change',
      'Unsupported change',
      422,
      'A Task PATCH changes only status, statusReason and output',
    ),
  },
  {
    error: new PatchTestFailed(),
    status: 409,
    body: problem(
      'patch-test-failed',
      'Patch test failed',
      409,
      'A test operation of the patch does not hold for the Task',
    ),
  },
];

describe('ProblemDetailsFilter and domain errors', () => {
  it.each(ANSWERS.map((a) => ({ ...a, name: a.error.name, code: a.error.code })))(
    'answers $name ($code) with $status and its problem',
    ({ error, status, body }) => {
      const sent = answer(error);

      expect(sent.status).toBe(status);
      expect(sent.headers['Content-Type']).toBe('application/problem+json');
      expect(sent.body).toEqual(body);
      // A domain error says what happened; the status is the filter's to choose.
      expect(error).not.toHaveProperty('status');
    },
  );

  it('has an answer above for every domain error the contracts export', () => {
    const kinds: unknown[] = [DomainError, NotFound, OutOfScope, StateConflict, RuleViolation];
    const exported = Object.values(contracts).filter(
      (value): value is typeof DomainError =>
        typeof value === 'function' && value.prototype instanceof DomainError && !kinds.includes(value),
    );
    const names = (classes: { name: string }[]) => [...new Set(classes.map((c) => c.name))].sort();

    expect(names(exported)).toEqual(names(ANSWERS.map((a) => a.error.constructor)));
  });

  it('writes the body byte for byte: extensions first, then the standard members', () => {
    expect(JSON.stringify(answer(new TaskNotClaimable('claimed')).body)).toBe(
      '{"status":409,"type":"https://samenspel.nl/problems/task-not-claimable","title":"Task not claimable",' +
        `"detail":"The task is claimed","instance":"${INSTANCE}"}`,
    );
    expect(JSON.stringify(answer(new ReferenceConflict('p-1')).body)).toBe(
      '{"placementId":"p-1","type":"https://samenspel.nl/problems/reference-conflict","title":"Reference conflict",' +
        `"status":409,"detail":"This reference already belongs to another placement","instance":"${INSTANCE}"}`,
    );
  });

  it('logs no domain error as a fault: each is an answer the service meant to give', () => {
    expect(ANSWERS.flatMap((a) => answer(a.error).logged)).toEqual([]);
  });

  it('still logs an unexpected error, and answers it with a 500 that names no detail of it', () => {
    const sent = answer(new TypeError("Cannot read properties of undefined (reading 'seats')"));

    expect(sent.status).toBe(500);
    expect(sent.body?.detail).not.toContain('seats');
    expect(sent.logged).toEqual([expect.objectContaining({ msg: 'request failed', path: INSTANCE })]);
  });
});
