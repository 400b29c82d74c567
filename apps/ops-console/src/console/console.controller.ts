import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  BrowserSessions,
  inlinePageCsp,
  Public,
  selfServedPageCsp,
  signedInPrincipal,
  type Role,
} from '@samenspel/http';
import type { Request, Response } from 'express';
import { CHART_LIBRARY } from './chart-library';
import { CONSOLE_PAGE } from './console-page';
import { IMPACT_PAGE, IMPACT_SCRIPT, IMPACT_STYLE } from './impact-page';

/** Only the page's own inline script and style run (by hash), it may call only this origin and post only its sign-out. */
const CONSOLE_PAGE_CSP = inlinePageCsp(CONSOLE_PAGE, { postsToSelf: true });

/** The impact page has no inline code at all: its script and style sheet come from this origin. */
const IMPACT_PAGE_CSP = selfServedPageCsp({ postsToSelf: true });

const CONSOLE_ROLES: readonly Role[] = ['ops', 'admin'];
const IMPACT_ROLES: readonly Role[] = ['policy', 'ops', 'admin'];

/**
 * The console pages carry no data; they are served to a person signed in with a role they are for
 * (else the sign-in, or a 403 page), and every figure comes from the API, which checks the role again.
 */
@Public()
@ApiExcludeController()
@Controller()
export class ConsoleController {
  constructor(private readonly sessions: BrowserSessions) {}

  /** At `/`, and at /api/v1/console as before. */
  @Get(['', 'console'])
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await signedInPrincipal(this.sessions, req, res, { returnTo: '/', roles: CONSOLE_ROLES }))) return;
    sendPage(res, CONSOLE_PAGE, CONSOLE_PAGE_CSP);
  }

  /** The impact page for policy officers, ops and admin (Dutch). */
  @Get('console/impact')
  async impactPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const returnTo = req.originalUrl.startsWith('/') ? req.originalUrl : '/api/v1/console/impact';
    if (!(await signedInPrincipal(this.sessions, req, res, { returnTo, roles: IMPACT_ROLES }))) return;
    sendPage(res, IMPACT_PAGE, IMPACT_PAGE_CSP);
  }

  @Get('console/impact.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-cache')
  impactScript(): string {
    return IMPACT_SCRIPT;
  }

  /** Chart.js, for the impact page's charts; the page names its version in the URL, so it is kept a year. */
  @Get('console/chart.umd.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=31536000, immutable')
  chartLibrary(): string {
    return CHART_LIBRARY.source;
  }

  @Get('console/impact.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'no-cache')
  impactStyle(): string {
    return IMPACT_STYLE;
  }
}

function sendPage(res: Response, html: string, csp: string): void {
  res
    .status(200)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': csp,
    })
    .send(html);
}
