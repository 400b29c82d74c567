import { createHash } from 'node:crypto';
import type { HelmetOptions } from 'helmet';

/**
 * The headers of every response (helmet). The API answers JSON, so its policy is strict; the only
 * HTML besides the service's own pages is Swagger UI at /docs, which needs its inline styles and
 * data: images. A page of our own sets a tighter policy of its own with `inlinePageCsp`.
 */
export const SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
    },
  },
  // Pages are never framed (also frame-ancestors above), and no referrer leaves with a URL.
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // TLS is terminated in front of the services; browsers ignore HSTS over plain HTTP.
  strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
  crossOriginEmbedderPolicy: false,
};

/**
 * A Content-Security-Policy for a static page with inline `<script>` and `<style>` blocks: each
 * block is allowed by its SHA-256 hash, nothing else runs, and the page may call only its own
 * origin. No 'unsafe-inline' and no nonce to thread through, as the page never changes at runtime.
 */
export function inlinePageCsp(html: string, options: PageCspOptions = {}): string {
  const hashes = (tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map(
      ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
    );
  const scripts = hashes('script');
  const styles = hashes('style');
  return pageCsp(
    scripts.length ? scripts.join(' ') : "'none'",
    styles.length ? styles.join(' ') : "'none'",
    options,
  );
}

/**
 * A Content-Security-Policy for a page whose script and style sheet are served from its own origin,
 * with no inline code: nothing else runs, and the page may call only its own origin.
 */
export function selfServedPageCsp(options: PageCspOptions = {}): string {
  return pageCsp("'self'", "'self'", options);
}

export interface PageCspOptions {
  /** The page posts forms to its own origin (the sign-out button); otherwise it posts none. */
  postsToSelf?: boolean;
}

function pageCsp(scriptSrc: string, styleSrc: string, options: PageCspOptions): string {
  return [
    "default-src 'none'",
    `script-src ${scriptSrc}`,
    `style-src ${styleSrc}`,
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "base-uri 'none'",
    `form-action ${options.postsToSelf ? "'self'" : "'none'"}`,
    "frame-ancestors 'none'",
  ].join('; ');
}
