import { applyDecorators, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import {
  ApiResponse,
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type PathItemObject,
  type ResponseObject,
  type ResponsesObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { IS_PUBLIC_KEY } from '../auth/auth.decorators';
import { controllerMethods } from '../controller-methods';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem-details';
import { sessionCookieNames } from '../session/session-cookies';

/** The bearer token in the Authorization header: what every route that is not public takes. */
export const BEARER_SCHEME = 'bearer';
/**
 * The browser session cookie of a service with sign-in (BrowserSessionModule), for a route a page
 * calls without an Authorization header, such as an EventSource: `@ApiSecurity(SESSION_COOKIE_SCHEME)`
 * besides the bearer scheme.
 */
export const SESSION_COOKIE_SCHEME = 'sessionCookie';
/**
 * The scrape token (METRICS_TOKEN) that /metrics takes from outside METRICS_ALLOWED_CIDRS:
 * `@ApiSecurity({})` (an allowed network, no token) `@ApiSecurity(METRICS_TOKEN_SCHEME)`.
 */
export const METRICS_TOKEN_SCHEME = 'metricsToken';

const PROBLEM_SCHEMA_NAME = 'Problem';
// @SkipThrottle() of @nestjs/throttler, for its one throttler named 'default'.
const SKIP_THROTTLE_KEY = 'THROTTLER:SKIPdefault';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

const PROBLEM_DESCRIPTIONS = {
  400: 'The request is malformed or a field is invalid (errors lists each field)',
  401: 'No bearer token, or one that is invalid or expired',
  403: "The caller's role or team may not do this",
  404: 'Nothing with this id, or nothing the caller may see',
  409: 'The current state forbids the change',
  412: 'The If-Match precondition no longer holds: read the resource again',
  413: 'The request body is larger than the limit',
  422: 'The request breaks a domain rule',
  429: 'Too many requests from this caller; retry after the seconds in Retry-After',
} as const;

type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

export interface OpenApiOptions {
  service: string;
  version: string;
  /** Where callers reach the service: the document's server, e.g. https://referral.example.org. */
  publicBaseUrl: string;
}

/** The route's access, as the guards read it from its decorators. */
interface RouteAccess {
  public: boolean;
  throttled: boolean;
}

/**
 * A service's OpenAPI document: each operation says the security it accepts and documents the
 * problem+json answers every route can give (400 when it takes input, 401 and 403 when it needs
 * a token, 413 when it takes a body, 429 when it is rate limited), besides its own.
 */
export function createOpenApiDocument(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`Samenspel ${options.service}`)
    .setDescription(
      `The HTTP API of the Samenspel ${options.service} service. Errors are RFC 9457 problem details.`,
    )
    .setVersion(options.version)
    .setLicense('EUPL-1.2', 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12')
    .addServer(options.publicBaseUrl, `The ${options.service} service`)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller}_${method}`,
  });
  return describeAccessAndProblems(document, routeAccess(app), options.service);
}

/** Documents the problem+json answers of the given statuses on a route, e.g. `@ProblemResponses(404, 409)`. */
export function ProblemResponses(...statuses: ProblemStatus[]) {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: PROBLEM_DESCRIPTIONS[status] })),
  );
}

function describeAccessAndProblems(
  document: OpenAPIObject,
  access: ReadonlyMap<string, RouteAccess>,
  service: string,
): OpenAPIObject {
  let sessionCookie = false;
  let metricsToken = false;
  for (const item of Object.values(document.paths) as PathItemObject[]) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const route = operation.operationId ? access.get(operation.operationId) : undefined;
      // A public route that declares its schemes checks the token itself; other public ones take none.
      operation.security ??= route?.public ? [] : [{ [BEARER_SCHEME]: [] }];
      sessionCookie ||= operation.security.some((requirement) => SESSION_COOKIE_SCHEME in requirement);
      metricsToken ||= operation.security.some((requirement) => METRICS_TOKEN_SCHEME in requirement);
      const common = [
        ...(operation.parameters?.length || operation.requestBody ? ([400] as const) : []),
        ...(operation.security.length > 0 ? ([401, 403] as const) : []),
        ...(operation.requestBody ? ([413] as const) : []),
        ...(route?.throttled === false ? [] : ([429] as const)),
      ];
      operation.responses = withProblems(operation, common);
    }
  }
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA },
    securitySchemes: {
      ...document.components?.securitySchemes,
      ...(sessionCookie
        ? {
            [SESSION_COOKIE_SCHEME]: {
              type: 'apiKey',
              in: 'cookie',
              name: sessionCookieNames(service, true).session,
              description:
                'The session cookie of a person signed in at /auth/login (pages of this service only)',
            },
          }
        : {}),
      ...(metricsToken
        ? {
            [METRICS_TOKEN_SCHEME]: {
              type: 'http',
              scheme: 'bearer',
              description: 'The scrape token (METRICS_TOKEN), needed outside METRICS_ALLOWED_CIDRS',
            },
          }
        : {}),
    },
  };
  return document;
}

/** The operation's responses with the common problems added, and every error answer as problem+json. */
function withProblems(operation: OperationObject, common: ProblemStatus[]): ResponsesObject {
  const responses: ResponsesObject = { ...operation.responses };
  for (const status of common) responses[status] ??= { description: PROBLEM_DESCRIPTIONS[status] };
  for (const [status, answer] of Object.entries(responses)) {
    if (!answer || !/^[45]\d\d$/.test(status) || '$ref' in answer) continue;
    const response = answer as ResponseObject;
    response.description ||= PROBLEM_DESCRIPTIONS[Number(status) as ProblemStatus] ?? 'An error';
    response.content ??= {
      [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } },
    };
  }
  return responses;
}

/** Each route's access by operation id (`<Controller>_<method>`), read from the controllers' metadata. */
function routeAccess(app: INestApplication): Map<string, RouteAccess> {
  const access = new Map<string, RouteAccess>();
  for (const { controller, name, handler } of controllerMethods(app)) {
    if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
    const metadata = (key: string) =>
      (Reflect.getMetadata(key, handler) as unknown) ?? (Reflect.getMetadata(key, controller) as unknown);
    access.set(`${controller.name}_${name}`, {
      public: metadata(IS_PUBLIC_KEY) === true,
      throttled: metadata(SKIP_THROTTLE_KEY) !== true,
    });
  }
  return access;
}

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      description: 'The problem code as a URI',
      example: 'https://samenspel.nl/problems/no-capacity',
    },
    title: { type: 'string', example: 'No capacity' },
    status: { type: 'integer', example: 409 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path', example: '/api/v1/placements' },
    errors: {
      type: 'array',
      description: 'Each invalid field of a request, on a 400',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: {
          field: { type: 'string', example: 'consent.givenBy' },
          messages: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
  additionalProperties: true,
} satisfies SchemaObject;
