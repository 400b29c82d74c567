import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The tab icon of every Samenspel page: two linked rings, youth care and youth work, in the house
 * colours, as SVG, so one small file serves every size. Browsers ask for /favicon.ico on their own whatever
 * a page links, so each service answers that path rather than logging a 404 in the console.
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">\
<rect width="32" height="32" rx="7" fill="#1d3557"/>\
<circle cx="12" cy="16" r="7" fill="none" stroke="#f4a261" stroke-width="3"/>\
<circle cx="20" cy="16" r="7" fill="none" stroke="#fff" stroke-width="3"/></svg>`;

export const FAVICON_PATH = '/favicon.ico';

/** Answers GET and HEAD of /favicon.ico with the icon, cached for a day; passes anything else on. */
export function serveFavicon(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const path = (req.url ?? '').split('?')[0];
  if (path !== FAVICON_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  res.writeHead(200, {
    'content-type': 'image/svg+xml',
    'content-length': Buffer.byteLength(FAVICON_SVG),
    'cache-control': 'public, max-age=86400',
  });
  res.end(req.method === 'HEAD' ? undefined : FAVICON_SVG);
}
