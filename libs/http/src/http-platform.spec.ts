import {
  Body,
  Controller,
  Get,
  Injectable,
  Module,
  Param,
  Post,
  type INestApplication,
} from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsString, ValidateNested } from 'class-validator';
import { currentTrace } from '@samenspel/observability';
import pino from 'pino';
import { Writable } from 'node:stream';
import { CurrentPrincipal, Roles } from './auth/auth.decorators';
import type { Principal } from './auth/principal';
import {
  startLocalKeySet,
  type LocalKeySet,
  type LocalKeySetClaims as DevTokenClaims,
} from '../test/local-key-set';
import { configureHttpApp } from './bootstrap-http';
import { BaseServiceConfig } from './config/base-service-config';
import { FAVICON_SVG } from './favicon';
import { loadConfig } from './config/validate-config';
import { HttpPlatformModule } from './http-platform.module';
import { NotFoundError } from './problem/http-errors';
import { UuidParam } from './problem/path-params';
import type { ProblemDetails } from './problem/problem-details';
import { SERVICE_LOGGER } from './service-logger';

class ConsentDto {
  @IsIn(['youngster', 'guardian'])
  givenBy: string;

  @IsISO8601()
  givenAt: string;
}

class CreateReferralDto {
  @IsString()
  youthRef: string;

  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;
}

@Controller('referrals')
class ReferralsTestController {
  @Post()
  @Roles('intake-system')
  create(@Body() body: CreateReferralDto, @CurrentPrincipal() principal: Principal) {
    return { youthRef: body.youthRef, consentIsDto: body.consent instanceof ConsentDto, by: principal.sub };
  }

  @Get('explode')
  explode(): never {
    throw new Error('connection to postgres://admin:s3cret@db failed');
  }

  @Post(':id/confirm')
  @Roles('team-lead', 'admin')
  confirm(@UuidParam('id') id: string) {
    return { id, confirmed: true };
  }

  @Get(':id')
  @Roles('team-lead', 'admin')
  find(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    if (id === 'r-missing') throw new NotFoundError(`Referral ${id} does not exist`, 'referral-not-found');
    return { id, teamId: principal.teamId };
  }
}

/** Stands in for a database connection that a readiness check pings. */
@Injectable()
class FakeDatabase {
  up = true;
  async ping(): Promise<void> {
    if (!this.up) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  }
}

@Module({ providers: [FakeDatabase], exports: [FakeDatabase] })
class FakeDatabaseModule {}

let keys: LocalKeySet;
let config: BaseServiceConfig;

/** The response is an RFC 9457 problem: its status, the problem+json type and exactly this body. */
async function expectProblem(response: Response, problem: ProblemDetails): Promise<void> {
  expect(response.status).toBe(problem.status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await response.json()).toEqual(problem);
}

describe('HttpPlatformModule over HTTP', () => {
  let app: INestApplication;
  let baseUrl: string;
  let database: FakeDatabase;
  const logLines: Record<string, unknown>[] = [];

  const token = (claims: DevTokenClaims) => keys.sign(claims);
  const request = (path: string, init: RequestInit = {}) => fetch(baseUrl + path, init);
  const authorized = async (path: string, claims: DevTokenClaims, init: RequestInit = {}) =>
    request(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${await token(claims)}` } });
  const postJson = (body: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

  beforeAll(async () => {
    keys = await startLocalKeySet();
    config = loadConfig(BaseServiceConfig, {
      AUTH_ISSUER: keys.settings.AUTH_ISSUER,
      AUTH_JWKS_URL: keys.settings.AUTH_JWKS_URL,
    });
    const logSink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        HttpPlatformModule.forRoot({
          service: 'test-service',
          config,
          readinessChecks: {
            imports: [FakeDatabaseModule],
            inject: [FakeDatabase],
            useFactory: (db: FakeDatabase) => [{ name: 'database', check: () => db.ping() }],
          },
        }),
      ],
      controllers: [ReferralsTestController],
    })
      .overrideProvider(SERVICE_LOGGER)
      .useValue(pino({ mixin: () => ({ ...currentTrace() }) }, logSink))
      .compile();

    app = configureHttpApp(moduleRef.createNestApplication({ bufferLogs: true }), {
      service: 'test-service',
      version: '1.2.3',
      publicBaseUrl: 'https://test-service.example.org',
    });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    database = app.get(FakeDatabase);
  });

  afterAll(async () => {
    await app?.close();
    await keys?.close();
  });

  it("answers the browser's own request for /favicon.ico with the icon, without a token", async () => {
    const [icon, head] = await Promise.all([
      request('/favicon.ico'),
      request('/favicon.ico', { method: 'HEAD' }),
    ]);

    expect({ status: icon.status, type: icon.headers.get('content-type'), body: await icon.text() }).toEqual({
      status: 200,
      type: 'image/svg+xml',
      body: FAVICON_SVG,
    });
    expect(icon.headers.get('cache-control')).toBe('public, max-age=86400');
    expect({ status: head.status, body: await head.text() }).toEqual({ status: 200, body: '' });
  });

  describe('authentication and roles', () => {
    it('answers 401 problem+json when no bearer token is sent', async () => {
      const response = await request('/api/v1/referrals/r-1');

      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({
        type: 'https://samenspel.nl/problems/unauthorized',
        title: 'Unauthorized',
        status: 401,
        detail: 'A bearer token is required (Authorization: Bearer <JWT>)',
        instance: '/api/v1/referrals/r-1',
      });
    });

    it('answers 401 problem+json when the bearer token is expired', async () => {
      // Expired an hour ago: well past the 30 s clock tolerance.
      const expiredAt = Math.floor(Date.now() / 1000) - 3600;
      const response = await authorized('/api/v1/referrals/r-1', {
        role: 'team-lead',
        teamId: 'team-noord',
        expiresIn: expiredAt,
      });

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ status: 401, detail: 'The bearer token has expired' });
    });

    it('answers 401 problem+json that does not repeat the token when it lives longer than an hour', async () => {
      // exp - iat = 2 h: over the default AUTH_MAX_TOKEN_LIFETIME_SECONDS of 3600.
      const longLived = await token({ role: 'team-lead', teamId: 'team-noord', expiresIn: '2h' });
      const response = await request('/api/v1/referrals/r-1', {
        headers: { authorization: `Bearer ${longLived}` },
      });

      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({
        status: 401,
        detail: 'The bearer token lives longer than the maximum of 3600 seconds',
      });
      expect(body).not.toContain(longLived);
      expect(body).not.toContain(longLived.split('.')[1]);
    });

    it('answers 403 problem+json when the caller has another role', async () => {
      const response = await authorized('/api/v1/referrals/r-1', {
        role: 'youth-worker',
        teamId: 'team-noord',
      });

      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        type: 'https://samenspel.nl/problems/forbidden',
        status: 403,
        detail: 'This action needs one of the roles: team-lead, admin',
      });
    });

    it('answers 200 with the principal available when the caller has the role', async () => {
      const response = await authorized('/api/v1/referrals/r-1', { role: 'team-lead', teamId: 'team-noord' });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: 'r-1', teamId: 'team-noord' });
    });
  });

  describe('validation', () => {
    const intake: DevTokenClaims = { role: 'intake-system', sub: 'intake-1' };

    it('accepts a valid body and hands the handler a DTO instance', async () => {
      const body = { youthRef: 'y-1', consent: { givenBy: 'guardian', givenAt: '2025-03-01T10:00:00Z' } };
      const response = await authorized('/api/v1/referrals', intake, postJson(JSON.stringify(body)));

      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ youthRef: 'y-1', consentIsDto: true, by: 'intake-1' });
    });

    it('answers 400 problem+json with an entry per invalid field, nested fields dotted', async () => {
      const body = { youthRef: 42, consent: { givenBy: 'neighbour', givenAt: '2025-03-01T10:00:00Z' } };
      const response = await authorized('/api/v1/referrals', intake, postJson(JSON.stringify(body)));

      await expectProblem(response, {
        type: 'https://samenspel.nl/problems/validation-failed',
        title: 'Validation failed',
        status: 400,
        detail: 'The request has 2 invalid field(s): youthRef, consent.givenBy',
        instance: '/api/v1/referrals',
        errors: [
          { field: 'youthRef', messages: ['must be a string'] },
          {
            field: 'consent.givenBy',
            messages: ['must be one of the following values: youngster, guardian'],
          },
        ],
      });
    });

    it('answers 400 problem+json naming each unknown field', async () => {
      const body = {
        youthRef: 'y-1',
        priority: 'high',
        consent: { givenBy: 'guardian', givenAt: '2025-03-01T10:00:00Z', note: 'x' },
      };
      const response = await authorized('/api/v1/referrals', intake, postJson(JSON.stringify(body)));

      expect(response.status).toBe(400);
      expect(((await response.json()) as ProblemDetails).errors).toEqual([
        { field: 'priority', messages: ['is not a known field of this request'] },
        { field: 'consent.note', messages: ['is not a known field of this request'] },
      ]);
    });

    it('answers 400 problem+json for a malformed JSON body without quoting it', async () => {
      const response = await authorized('/api/v1/referrals', intake, postJson('{"youthRef": "y-1",'));

      await expectProblem(response, {
        type: 'https://samenspel.nl/problems/malformed-json',
        title: 'Bad Request',
        status: 400,
        detail: 'The request body is not valid JSON',
        instance: '/api/v1/referrals',
      });
    });
  });

  describe('bodies and path parameters', () => {
    const lead: DevTokenClaims = { role: 'team-lead', teamId: 'team-noord' };
    const confirmPath = '/api/v1/referrals/7d1f3c52-5b0e-4a4e-9a57-0c6f2b1d9e10/confirm';
    const send = (path: string, contentType: string, body: string) =>
      authorized(path, lead, { method: 'POST', headers: { 'content-type': contentType }, body });

    it('answers a body on a route that takes none with 400, and takes none or an empty JSON object', async () => {
      const refused = await Promise.all([
        send(confirmPath, 'application/json', '{"note":"<img src=x>"}'),
        send(confirmPath, 'text/xml', '<confirm/>'),
        send(confirmPath, 'application/x-www-form-urlencoded', 'a=1'),
      ]);
      const accepted = await Promise.all([
        authorized(confirmPath, lead, { method: 'POST' }),
        send(confirmPath, 'application/json', '{}'),
      ]);

      for (const response of refused) {
        await expectProblem(response, {
          type: 'https://samenspel.nl/problems/body-not-allowed',
          title: 'Body not allowed',
          status: 400,
          detail: 'This route takes no request body',
          instance: confirmPath,
        });
      }
      expect(accepted.map((r) => r.status)).toEqual([201, 201]);
    });

    it('answers a body that is not JSON on a route that takes one with 415', async () => {
      const intake: DevTokenClaims = { role: 'intake-system', sub: 'intake-1' };
      for (const contentType of ['text/xml', 'application/x-www-form-urlencoded', 'text/plain']) {
        const response = await authorized('/api/v1/referrals', intake, {
          method: 'POST',
          headers: { 'content-type': contentType },
          body: 'youthRef=y-1',
        });

        expect(response.status).toBe(415);
        expect(await response.json()).toEqual({
          type: 'https://samenspel.nl/problems/unsupported-media-type',
          title: 'Unsupported Media Type',
          status: 415,
          detail: 'The request body must be JSON (application/json)',
          instance: '/api/v1/referrals',
        });
      }
    });

    it('answers a path parameter of the wrong format with a 400 field error that does not quote it', async () => {
      for (const bad of ['<img src=x>', 'x'.repeat(8000), "1' OR '1'='1", 'not-a-uuid']) {
        const response = await authorized(`/api/v1/referrals/${encodeURIComponent(bad)}/confirm`, lead, {
          method: 'POST',
        });
        const problem = (await response.json()) as ProblemDetails;

        expect(response.status).toBe(400);
        expect(problem).toMatchObject({
          type: 'https://samenspel.nl/problems/validation-failed',
          detail: 'The request has 1 invalid field(s): id',
          errors: [{ field: 'id', messages: ['must be a UUID'] }],
        });
        expect(JSON.stringify({ ...problem, instance: undefined })).not.toContain(bad);
      }
    });
  });

  describe('errors', () => {
    it('answers 404 problem+json with the domain code as type', async () => {
      const response = await authorized('/api/v1/referrals/r-missing', { role: 'admin' });

      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        type: 'https://samenspel.nl/problems/referral-not-found',
        title: 'Referral not found',
        status: 404,
        detail: 'Referral r-missing does not exist',
        instance: '/api/v1/referrals/r-missing',
      });
    });

    it('answers 404 problem+json for a route that does not exist', async () => {
      const response = await authorized('/api/v1/nothing-here?bsn=123', { role: 'admin' });

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as ProblemDetails;
      expect(problem).toMatchObject({ status: 404, instance: '/api/v1/nothing-here' });
      expect(problem.detail).toBe('No route answers this method and path');
    });

    it('answers 500 without the internal message and logs the error in the trace of the request', async () => {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const response = await authorized(
        '/api/v1/referrals/explode',
        { role: 'ops' },
        {
          headers: { 'x-correlation-id': 'corr-explode-1', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
        },
      );
      const problem = await response.json();

      expect(response.status).toBe(500);
      expect(JSON.stringify(problem)).not.toContain('s3cret');
      expect(problem).toMatchObject({
        type: 'https://samenspel.nl/problems/internal-server-error',
        status: 500,
      });
      const logged = logLines.find(
        (line) => line.msg === 'request failed' && line.path === '/api/v1/referrals/explode',
      );
      expect(logged).toMatchObject({
        level: 50,
        method: 'GET',
        correlationId: 'corr-explode-1',
        traceId,
        err: { message: 'connection to postgres://admin:s3cret@db failed' },
      });
    });
  });

  describe('health, metrics and docs', () => {
    it('answers /health/live with 200 without a token and outside the API prefix', async () => {
      const live = await request('/health/live');
      const prefixed = await request('/api/v1/health/live');

      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });
      expect(prefixed.status).not.toBe(200);
    });

    it('answers /health/ready with 200 while every readiness check passes', async () => {
      const response = await request('/health/ready');

      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
    });

    it('answers /health/ready with 503 problem+json naming the failing check', async () => {
      database.up = false;
      try {
        const response = await request('/health/ready');

        expect(response.status).toBe(503);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(await response.json()).toMatchObject({
          type: 'https://samenspel.nl/problems/not-ready',
          detail: 'Not ready: database',
          checks: { database: 'down' },
        });
      } finally {
        database.up = true;
      }
    });

    it('serves Prometheus metrics with request durations labelled by route pattern', async () => {
      await authorized('/api/v1/referrals/r-7', { role: 'admin' });
      const response = await request('/metrics');
      const text = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(text).toContain('# TYPE http_request_duration_seconds histogram');
      expect(text).toMatch(
        /http_request_duration_seconds_count\{service="test-service",method="GET",route="\/api\/v1\/referrals\/:id",status="200"\} [1-9]/,
      );
      expect(text).toMatch(/route="unmatched",status="404"/);
      expect(text).toContain('process_cpu_user_seconds_total{service="test-service"}');
      expect(text).not.toContain('r-7');
      expect(text).not.toContain('nothing-here');
    });

    it('serves the Swagger UI at /docs without a token', async () => {
      const response = await request('/docs');

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('swagger-ui');
    });

    it('serves an OpenAPI document with a bearer scheme at /docs-json', async () => {
      const response = await request('/docs-json');
      const document = (await response.json()) as OpenAPIObject;

      expect(response.status).toBe(200);
      expect(document.openapi).toMatch(/^3\./);
      expect(document.info).toMatchObject({ title: 'Samenspel test-service', version: '1.2.3' });
      expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/referrals',
          '/api/v1/referrals/{id}',
          '/health/live',
          '/health/ready',
        ]),
      );
    });

    it('names the public base URL as the server of the document', async () => {
      const document = (await (await request('/docs-json')).json()) as OpenAPIObject;

      expect(document.servers).toEqual([
        expect.objectContaining({ url: 'https://test-service.example.org' }),
      ]);
    });

    it('documents the probes as taking no token, and a secured route as taking the bearer token', async () => {
      const { paths } = (await (await request('/docs-json')).json()) as OpenAPIObject;

      expect(paths['/health/live'].get?.security).toEqual([]);
      expect(paths['/health/ready'].get?.security).toEqual([]);
      expect(paths['/api/v1/referrals/{id}'].get?.security).toEqual([{ bearer: [] }]);
    });

    it('documents the problem answers a secured route with a body can give, each as problem+json', async () => {
      const document = (await (await request('/docs-json')).json()) as OpenAPIObject;
      const responses = document.paths['/api/v1/referrals'].post?.responses ?? {};

      expect(Object.keys(responses)).toEqual(expect.arrayContaining(['400', '401', '403', '413', '429']));
      for (const status of ['400', '401', '403', '413', '429']) {
        expect(responses[status]).toMatchObject({
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        });
      }
      expect(document.components?.schemas?.Problem).toMatchObject({
        required: ['type', 'title', 'status', 'detail', 'instance'],
      });
    });

    it('leaves the probes without 429, as they are never rate limited', async () => {
      const { paths } = (await (await request('/docs-json')).json()) as OpenAPIObject;

      expect(Object.keys(paths['/health/live'].get?.responses ?? {})).toEqual(['200']);
    });
  });

  describe('trace context', () => {
    it('echoes the x-correlation-id of the request', async () => {
      const response = await request('/health/live', { headers: { 'x-correlation-id': 'corr-42' } });

      expect(response.headers.get('x-correlation-id')).toBe('corr-42');
    });

    it('replaces a correlation id that is not a plain token rather than echoing it', async () => {
      const response = await request('/health/live', {
        headers: { 'x-correlation-id': '<script>alert(1)</script>' },
      });

      expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('mints a correlation id when the request has none, also on an error', async () => {
      const response = await request('/api/v1/referrals/r-1');

      expect(response.status).toBe(401);
      expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
