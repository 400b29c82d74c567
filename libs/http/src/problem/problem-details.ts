export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://samenspel.nl/problems/';

/** The messages for one invalid field of a request; nested fields are dotted paths (`consent.givenBy`). */
export interface FieldError {
  field: string;
  messages: string[];
}

/** An RFC 9457 problem details body, with `errors` for validation failures. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** The `type` URI of a problem code, e.g. `no-capacity`. */
export function problemType(code: string): string {
  return PROBLEM_TYPE_BASE + code;
}
