import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { IncomingMessage } from 'node:http';
import type { Observable } from 'rxjs';
import { HttpError } from './http-errors';

const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]+\+)?json$/;

/** Whether the request carries body bytes at all (a declared length above 0, or a chunked body). */
function hasBody(req: IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return length > 0 || req.headers['transfer-encoding'] !== undefined;
}

function mediaTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** True for `{}` sent as JSON: clients that always send a JSON body send that for "nothing". */
function isEmptyJsonObject(req: IncomingMessage & { body?: unknown }): boolean {
  const body = req.body;
  return (
    JSON_MEDIA_TYPE.test(mediaTypeOf(req)) &&
    body !== null &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    Object.keys(body).length === 0
  );
}

/** Whether the handler declares a `@Body()` parameter: the routes whose body is documented. */
export function takesBody(controller: object, handler: string): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as object;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

/**
 * What a request may send as its body, for every route: a route with a documented body takes JSON
 * only (else 415), and a route without one takes none (else 400) rather than ignoring it. An empty
 * JSON object counts as no body. Runs after authentication and the role check.
 */
@Injectable()
export class RequestBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<IncomingMessage & { body?: unknown }>();
    if (!hasBody(req)) return next.handle();
    if (takesBody(context.getClass(), context.getHandler().name)) {
      if (!JSON_MEDIA_TYPE.test(mediaTypeOf(req))) {
        throw new HttpError(
          415,
          'unsupported-media-type',
          'The request body must be JSON (application/json)',
          {
            title: 'Unsupported Media Type',
          },
        );
      }
    } else if (!isEmptyJsonObject(req)) {
      throw new HttpError(400, 'body-not-allowed', 'This route takes no request body', {
        title: 'Body not allowed',
      });
    }
    return next.handle();
  }
}
