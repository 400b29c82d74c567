import type { ConsentMissingReason } from '../consent/consent-by-age';
import { RuleViolation, StateConflict } from './domain-error';

/** The consent given does not let the youngster's data reach youth work at their age. */
export class ConsentMissing extends RuleViolation {
  constructor(
    ageYears: number,
    readonly reason: ConsentMissingReason,
  ) {
    super('consent-missing', `The consent does not allow a referral at age ${ageYears}`, {
      extensions: { consentProblem: reason },
    });
  }
}

/** Completing a referral records how it ended. */
export class OutcomeRequired extends RuleViolation {
  constructor(detail: string) {
    super('outcome-required', detail);
  }
}

/** Only completing a referral records an outcome. */
export class OutcomeNotAllowed extends RuleViolation {
  constructor(detail: string) {
    super('outcome-not-allowed', detail);
  }
}

/** A rejected, cancelled, completed or failed referral gets no warm handover. */
export class ReferralClosed extends StateConflict {
  constructor(status: string) {
    super('referral-closed', `A ${status} referral gets no warm handover`);
  }
}

/** A warm handover needs a youth-work team to give the task to. */
export class NoYouthWorkTeam extends StateConflict {
  constructor() {
    super('no-team', 'No youth-work team holds this referral yet, so nobody would get the task');
  }
}

export class NoWarmHandover extends StateConflict {
  constructor() {
    super('no-warm-handover', 'No warm handover was planned for this referral');
  }
}

/** A FHIR Task changes by a status move only: its status, statusReason and output. */
export class UnsupportedTaskChange extends RuleViolation {
  constructor(detail: string) {
    super('unsupported-change', detail);
  }
}

/** A `test` operation of a JSON Patch does not hold: the Task is no longer as the client read it. */
export class PatchTestFailed extends StateConflict {
  constructor() {
    super('patch-test-failed', 'A test operation of the patch does not hold for the Task');
  }
}
