import { Catch } from '@nestjs/common';
import { StateConflict } from '@samenspel/contracts';
import {
  PROBLEM_TYPE_BASE,
  ProblemDetailsFilter,
  type ProblemDetails,
  type RenderedProblem,
} from '@samenspel/http';
import { toOperationOutcome } from '../domain/fhir/operation-outcome';
import { FHIR_JSON } from './fhir-json.interceptor';

/**
 * The platform's error mapping, sent as an OperationOutcome. A state the referral is in that
 * forbids the change is 422 in FHIR (a business rule), where the REST API says 409.
 */
@Catch()
export class OperationOutcomeFilter extends ProblemDetailsFilter {
  protected override render(problem: ProblemDetails, exception: unknown): RenderedProblem {
    const status = exception instanceof StateConflict ? 422 : problem.status;
    return {
      status,
      contentType: FHIR_JSON,
      body: toOperationOutcome({
        status,
        code: problem.type.slice(PROBLEM_TYPE_BASE.length),
        title: problem.title,
        detail: problem.detail,
        fields: problem.errors?.map((e) => e.field),
      }),
    };
  }
}
