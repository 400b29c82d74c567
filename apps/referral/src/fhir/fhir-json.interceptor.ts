import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HttpError } from '@samenspel/http';
import type { Observable } from 'rxjs';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** `_format` values and Accept types that ask for FHIR JSON (a `+` in a query string reads as a space). */
const JSON_FORMATS = ['json', 'application/json', 'application/fhir+json', 'application/fhir json'];
const ACCEPTED = /(^|,)\s*(\*\/\*|application\/\*|application\/(fhir\+)?json)\s*(;|,|$)/;

interface FhirRequest {
  query?: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/** Answers in application/fhir+json, and refuses a client that asks for XML (406): JSON is all /fhir speaks. */
@Injectable()
export class FhirJsonInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FhirRequest>();
    const format = request.query?._format;
    const accept = request.headers.accept;
    const jsonFormat = format === undefined || (typeof format === 'string' && JSON_FORMATS.includes(format));
    const jsonAccept = format !== undefined || typeof accept !== 'string' || ACCEPTED.test(accept);
    if (!jsonFormat || !jsonAccept) {
      throw new HttpError(
        406,
        'not-acceptable',
        'This server answers in FHIR JSON only: application/fhir+json',
      );
    }
    http.getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Content-Type', FHIR_JSON);
    return next.handle();
  }
}
