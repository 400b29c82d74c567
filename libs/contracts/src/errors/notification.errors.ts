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

export class TaskNotCompletable extends StateConflict {
  constructor(status: string) {
    super('task-not-completable', `The task is ${status}`, statusFirst(status));
  }
}

export class TaskNotCancellable extends StateConflict {
  constructor(status: string) {
    super('task-not-cancellable', `The task is ${status}`, statusFirst(status));
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
