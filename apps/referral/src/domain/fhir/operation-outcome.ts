import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';
import { narrative } from './fhir-resources';
import { FHIR_SYSTEMS } from './fhir-systems';

/** The parts of a problem (RFC 9457, as the HTTP platform maps errors) that an OperationOutcome carries. */
export interface OutcomeProblem {
  status: number;
  /** The problem code, e.g. `illegal-transition`. */
  code: string;
  title: string;
  detail: string;
  fields?: string[];
}

const ISSUE_TYPE: Record<number, OperationOutcomeIssue['code']> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  406: 'not-supported',
  409: 'conflict',
  412: 'conflict',
  413: 'too-costly',
  415: 'not-supported',
  422: 'business-rule',
  429: 'throttled',
};

/** The FHIR issue type of an HTTP status; a 5xx is an exception. */
export function issueTypeOf(status: number): OperationOutcomeIssue['code'] {
  return ISSUE_TYPE[status] ?? (status >= 500 ? 'exception' : 'processing');
}

/** A problem as an OperationOutcome: one error issue, its code in the problem system, the fields as expressions. */
export function toOperationOutcome(problem: OutcomeProblem): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    text: narrative(problem.title),
    issue: [
      {
        severity: 'error',
        code: issueTypeOf(problem.status),
        details: { coding: [{ system: FHIR_SYSTEMS.problem, code: problem.code }], text: problem.title },
        diagnostics: problem.detail,
        ...(problem.fields?.length ? { expression: problem.fields } : {}),
      },
    ],
  };
}
