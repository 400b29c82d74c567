import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, type FieldError, type ProblemDetails } from './problem-details';

export class FieldErrorView implements FieldError {
  @ApiProperty({ example: 'per_page' }) field!: string;
  @ApiProperty({ type: [String] }) messages!: string[];
}

/** The RFC 9457 body of every error answer. */
export class ProblemView implements ProblemDetails {
  [extension: string]: unknown;
  @ApiProperty({ format: 'uri', example: 'https://samenspel.nl/problems/validation-failed' }) type!: string;
  @ApiProperty({ example: 'Validation failed' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ description: 'The request path' }) instance!: string;
  @ApiPropertyOptional({ type: [FieldErrorView], description: 'Validation failures only: one per field' })
  errors?: FieldErrorView[];
}

const MEANING: Readonly<Record<number, string>> = {
  400: 'validation-failed: a parameter or the body is invalid, each bad field named in errors',
  401: 'No valid bearer token',
  403: 'The token has no role allowed here',
  404: 'Nothing with this id',
  409: 'The current state forbids the change',
  412: 'The version given in If-Match is not the current one',
  413: 'The body is larger than the service accepts',
  422: 'A rule refuses the request',
  429: 'Too many requests; see Retry-After',
};

/** Documents error answers of a route as problem+json (RFC 9457), each with its usual meaning. */
export function ApiProblemResponses(...statuses: (keyof typeof MEANING)[]) {
  return applyDecorators(
    ApiExtraModels(ProblemView),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: MEANING[status],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemView) } } },
      }),
    ),
  );
}
