/**
 * What kind of refusal a domain error is. Domain code says what happened; how a caller hears of
 * it (an HTTP status, a dead letter) is decided where it is answered, by kind.
 */
export type DomainErrorKind =
  /** The thing named does not exist. */
  | 'not-found'
  /** It exists, but the one asking may not act on it. */
  | 'out-of-scope'
  /** Its current state forbids the change: a full activity, a closed referral. */
  | 'state-conflict'
  /** The request breaks a rule whatever the state: consent, a reason that must be given. */
  | 'rule-violation'
  /** One field breaks a rule that needs other fields or stored data to check. */
  | 'invalid-field';

export interface DomainErrorOptions {
  /** Defaults to the code in words: 'no-capacity' becomes 'No capacity'. */
  title?: string;
  /** Extra members of the problem body, e.g. `{ currentStatus: 'closed' }`. Never personal data. */
  extensions?: Record<string, unknown>;
  /**
   * The youngster whose record was refused, for the audit trail only: never part of the answer.
   * Set it where a scope check refuses a record it loaded.
   */
  subjectRef?: string;
}

/**
 * A domain rule refused what was asked. The code names the rule (`no-capacity`) and is the
 * problem type callers see; the message is the problem's detail. One class per code, each
 * extending one of the kinds below, so that callers tell refusals apart with `instanceof`.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  readonly title: string;
  readonly extensions: Record<string, unknown>;
  /** See DomainErrorOptions.subjectRef. */
  readonly subjectRef?: string;

  protected constructor(
    readonly code: string,
    detail: string,
    options: DomainErrorOptions = {},
  ) {
    super(detail);
    this.name = new.target.name;
    this.title = options.title ?? titleOf(code);
    this.extensions = options.extensions ?? {};
    if (options.subjectRef !== undefined) this.subjectRef = options.subjectRef;
  }
}

export abstract class NotFound extends DomainError {
  readonly kind = 'not-found';
}

export abstract class OutOfScope extends DomainError {
  readonly kind = 'out-of-scope';
}

export abstract class StateConflict extends DomainError {
  readonly kind = 'state-conflict';
}

export abstract class RuleViolation extends DomainError {
  readonly kind = 'rule-violation';
}

/** A state machine has no way from the current state to the one asked for. */
export class IllegalTransition extends StateConflict {
  constructor(detail: string, extensions: Record<string, unknown>) {
    super('illegal-transition', detail, { extensions });
  }
}

/** The change must say why (closing an activity with placements, rejecting a referral). */
export class ReasonRequired extends RuleViolation {
  constructor(detail: string, extensions?: Record<string, unknown>) {
    super('reason-required', detail, { extensions });
  }
}

/**
 * A field breaks a rule that needs more than one field or the stored state (min > max, an unknown
 * theme): answered like the validation pipe's errors, with the field named.
 */
export class InvalidField extends DomainError {
  readonly kind = 'invalid-field';

  constructor(field: string, message: string) {
    super('validation-failed', `The request has 1 invalid field(s): ${field}`, {
      title: 'Validation failed',
      extensions: { errors: [{ field, messages: [message] }] },
    });
  }
}

function titleOf(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
