import { InvalidField, RuleViolation, StateConflict } from './domain-error';

/**
 * `status` as an extension: the problem's own status member replaces its value, so all it does is
 * put that member first in the body, where these problems have it.
 */
const statusFirst = (status: string) => ({ extensions: { status } });

/** Claimed by someone else, done or cancelled: the task can no longer be claimed. */
export class TaskNotClaimable extends StateConflict {
  constructor(status: string) {
    super('task-not-claimable', `The task is ${status}`, statusFirst(status));
  }
}

/** Cancelled, or done by someone else or with another outcome: the answer says how it ended. */
export class TaskNotCompletable extends StateConflict {
  constructor(status: string, outcome?: string | null) {
    super('task-not-completable', outcome ? `The task is ${status} (${outcome})` : `The task is ${status}`, {
      extensions: { status, taskStatus: status, ...(outcome && { outcome }) },
    });
  }
}

export class TaskNotCancellable extends StateConflict {
  constructor(status: string) {
    super('task-not-cancellable', `The task is ${status}`, statusFirst(status));
  }
}

/**
 * A declined bridging offer is completed with a reason code from the vocabulary (`allowed`); any
 * other completion takes none (`allowed` empty).
 */
export class OutcomeReasonInvalid extends RuleViolation {
  constructor(allowed: readonly string[]) {
    super(
      'outcome-reason-invalid',
      allowed.length
        ? `A declined offer is completed with a reason: one of ${allowed.join(', ')}`
        : 'Only a declined bridging offer is completed with a reason',
      { extensions: { allowed } },
    );
  }
}

/** Accepting or declining an offer is for a bridging-offer task only. */
export class NotAnOfferTask extends RuleViolation {
  constructor(taskType: string) {
    super('not-an-offer-task', `A ${taskType} task has no offer to accept or decline`);
  }
}

/** Each type of task ends with one of its own outcomes. */
export class UnknownOutcome extends RuleViolation {
  constructor(taskType: string, allowed: readonly string[]) {
    super('unknown-outcome', `A ${taskType} task ends with one of: ${allowed.join(', ')}`, {
      extensions: { allowed },
    });
  }
}

/**
 * A webhook's URL reaches an address refused by default (loopback, private, link-local, cloud
 * metadata …) that the allow-list does not name. The detail says which kind, never the URL.
 */
export class WebhookTargetNotAllowed extends InvalidField {
  constructor(kind: string) {
    super(
      'url',
      `must reach a public address; this one is ${kind}, which WEBHOOK_ALLOWED_TARGETS does not allow`,
    );
  }
}

/** Another worker holds the youngster's follow-up: they release it, or a team-lead reassigns it. */
export class FollowUpHeldByAnother extends StateConflict {
  constructor(holder: string) {
    super('follow-up-held', 'Another worker holds this follow-up', { extensions: { holder } });
  }
}

/** A follow-up goes only to a worker this team knows: one who claimed or completed its tasks. */
export class WorkerNotInTeam extends RuleViolation {
  constructor() {
    super('worker-not-in-team', 'The worker is not known in this team');
  }
}

/** Recording first contact or completing a follow-up step is for a step of the follow-up plan. */
export class NotAFollowUpStep extends RuleViolation {
  constructor(taskType: string) {
    super('not-a-follow-up-step', `A ${taskType} task is not a step of the follow-up plan`);
  }
}

/** First contact is recorded on the plan's first-contact step; later steps are completed as steps. */
export class NotFirstContact extends RuleViolation {
  constructor() {
    super('not-first-contact', 'First contact is recorded on the first-contact step of the follow-up plan');
  }
}
