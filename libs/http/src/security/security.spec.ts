import type { ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { BaseServiceConfig } from '../config/base-service-config';
import { ConfigError, loadConfig } from '../config/validate-config';
import { httpSecuritySettings } from './http-security-settings';
import { rateLimitOptions, rateLimitTracker } from './rate-limit';
import { inlinePageCsp, selfServedPageCsp } from './security-headers';

const TOKEN = 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('whose budget a request spends', () => {
  it('is the verified subject once the AuthGuard has run', () => {
    const request = {
      principal: { sub: 'intake-utrecht', role: 'intake-system' as const },
      headers: { authorization: TOKEN },
      ip: '10.0.0.7',
    };
    expect(rateLimitTracker(request)).toBe('sub:intake-utrecht');
  });

  it('is a hash of the bearer token on a public route, never the token itself', () => {
    const tracker = rateLimitTracker({ headers: { authorization: TOKEN }, ip: '10.0.0.7' });
    expect(tracker).toMatch(/^token:[0-9a-f]{32}$/);
    expect(tracker).not.toContain('eyJ');
    expect(rateLimitTracker({ headers: { authorization: `${TOKEN}x` }, ip: '10.0.0.7' })).not.toBe(tracker);
  });

  it('is the client address without a token', () => {
    expect(rateLimitTracker({ headers: {}, ip: '10.0.0.7' })).toBe('ip:10.0.0.7');
  });
});

describe('rate limit options', () => {
  const settings = httpSecuritySettings({ RATE_LIMIT_PER_MINUTE: 120, RATE_LIMIT_SERVICE_PER_MINUTE: 9000 });
  const options = rateLimitOptions(settings);
  if (Array.isArray(options)) throw new Error('expected module options with common settings');
  const contextOf = (role?: string) =>
    ({
      switchToHttp: () => ({ getRequest: () => ({ principal: role && { sub: 's', role } }) }),
    }) as unknown as ExecutionContext;
  const limitFor = (role?: string) =>
    (options.throttlers[0].limit as (c: ExecutionContext) => number)(contextOf(role));

  it('counts per minute', () => {
    expect(options.throttlers[0].ttl).toBe(60000);
  });

  it('gives people the per-caller limit and our own services their larger one', () => {
    expect(limitFor('youth-worker')).toBe(120);
    expect(limitFor(undefined)).toBe(120);
    expect(limitFor('service')).toBe(9000);
  });

  it('keeps one budget per caller across routes', () => {
    const key = options.generateKey!;
    expect(key(contextOf(), 'sub:a', 'default')).toBe(key(contextOf('ops'), 'sub:a', 'default'));
    expect(key(contextOf(), 'sub:a', 'default')).not.toBe(key(contextOf(), 'sub:b', 'default'));
  });
});

describe('HTTP limits in the configuration', () => {
  it('defaults to a 100 kB body, 600 requests a minute per caller and 600 000 per service', () => {
    expect(httpSecuritySettings(loadConfig(BaseServiceConfig, {}))).toEqual({
      bodyLimit: '100kb',
      rateLimitPerMinute: 600,
      serviceRateLimitPerMinute: 600000,
    });
  });

  it('reads the variables', () => {
    const config = loadConfig(BaseServiceConfig, {
      HTTP_BODY_LIMIT: '1mb',
      RATE_LIMIT_PER_MINUTE: '50',
      RATE_LIMIT_SERVICE_PER_MINUTE: '5000',
    });
    expect(httpSecuritySettings(config)).toEqual({
      bodyLimit: '1mb',
      rateLimitPerMinute: 50,
      serviceRateLimitPerMinute: 5000,
    });
  });

  it('refuses a size it cannot read and a limit of zero', () => {
    let error: unknown;
    try {
      loadConfig(BaseServiceConfig, { HTTP_BODY_LIMIT: 'lots', RATE_LIMIT_PER_MINUTE: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { variable: 'HTTP_BODY_LIMIT', constraints: ['must be a size such as 100kb or 1mb'] },
      { variable: 'RATE_LIMIT_PER_MINUTE', constraints: ['must not be less than 1'] },
    ]);
  });
});

describe('the Content-Security-Policy of a page with inline script and style', () => {
  const script = "document.title='x';";
  const style = 'body{margin:0}';
  const page = `<!doctype html><html><head><style>${style}</style></head><body><script>${script}</script></body></html>`;
  const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

  it('allows exactly its own inline blocks, by hash, and calls only its own origin', () => {
    const csp = inlinePageCsp(page);
    expect(csp).toContain(`script-src ${sha(script)}`);
    expect(csp).toContain(`style-src ${sha(style)}`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('lets no script run on a page without one', () => {
    expect(inlinePageCsp('<p>static</p>')).toContain("script-src 'none'");
  });
});

describe('the Content-Security-Policy of a page whose script and style come from its own origin', () => {
  it("runs only its own origin's script and style, inline nothing, and calls only its own origin", () => {
    const csp = selfServedPageCsp();
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });
});
