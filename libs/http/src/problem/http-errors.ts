export interface HttpErrorOptions extends ErrorOptions {
  /** Defaults to the code in words: 'no-capacity' becomes 'No capacity'. */
  title?: string;
  /** Extra members of the problem body, e.g. `{ currentState: 'closed' }`. Never personal data. */
  extensions?: Record<string, unknown>;
  /** The youngster whose record was refused, for the audit trail only: never part of the answer. */
  subjectRef?: string;
  /**
   * The record exists but is not the caller's: answered as this error (a 404 that hides it) and
   * audited as `denied`, as a 403 is.
   */
  denied?: boolean;
}

/**
 * An answer whose HTTP status is chosen where it is thrown (not ready, a service we call is down).
 * The filter answers it with that status and `https://samenspel.nl/problems/<code>` as the problem
 * type. A domain rule throws a DomainError of @samenspel/contracts instead, which carries no status.
 */
export class HttpError extends Error {
  readonly title: string;
  readonly extensions: Record<string, unknown>;
  readonly subjectRef?: string;
  readonly denied: boolean;

  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    options: HttpErrorOptions = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.title = options.title ?? titleOf(code);
    this.extensions = options.extensions ?? {};
    if (options.subjectRef !== undefined) this.subjectRef = options.subjectRef;
    this.denied = options.denied ?? false;
  }
}

export class NotFoundError extends HttpError {
  constructor(detail: string, code = 'not-found', options?: HttpErrorOptions) {
    super(404, code, detail, options);
  }
}

/** The caller's If-Match (or similar) no longer holds. */
export class PreconditionFailedError extends HttpError {
  constructor(detail: string, code = 'precondition-failed', options?: HttpErrorOptions) {
    super(412, code, detail, options);
  }
}

/** The caller is known but may not do this to this resource (e.g. another team's youngster). */
export class ForbiddenError extends HttpError {
  constructor(detail: string, code = 'forbidden', options?: HttpErrorOptions) {
    super(403, code, detail, options);
  }
}

function titleOf(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
