import { Injectable, type NestMiddleware } from '@nestjs/common';
import { childContext, runWithTrace } from '@samenspel/observability';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_ID_HEADER = 'x-correlation-id';
// Echoed in a response header, so only plain tokens are taken over; anything else gets a new id.
const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Runs the request in a child span of its `traceparent`, keeping or minting its correlation id. */
@Injectable()
export class TraceContextMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const incoming = firstValue(request.headers[CORRELATION_ID_HEADER]);
    const correlationId = incoming && SAFE_CORRELATION_ID.test(incoming) ? incoming : undefined;
    const trace = childContext(firstValue(request.headers.traceparent), correlationId);
    response.setHeader(CORRELATION_ID_HEADER, trace.correlationId);
    runWithTrace(trace, next);
  }
}

function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}
