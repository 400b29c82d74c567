import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import { BrowserSessions, inlinePageCsp, signedInPrincipal } from '@samenspel/http';
import { INBOX_HTML } from './inbox.html';

/** The roles the workspace is for; the API decides the rest. */
const WORKSPACE_ROLES = ['youth-worker', 'team-lead', 'ops', 'admin'] as const;

/**
 * Serves the team workspace page at GET /inbox: one static HTML file with its script inline, no build
 * step, outside the API prefix. Only to a person signed in (else to the sign-in); the page calls the
 * API with its session cookie.
 */
@Injectable()
export class InboxPage implements OnModuleInit {
  private readonly html = INBOX_HTML;
  /** Only the page's own inline script and style run (by hash); it may call only this origin. */
  private readonly csp = inlinePageCsp(INBOX_HTML, { postsToSelf: true });

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly sessions: BrowserSessions,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.get('/inbox', (req: Request, res: Response, next: NextFunction) => {
      this.serve(req, res).catch(next);
    });
  }

  private async serve(req: Request, res: Response): Promise<void> {
    const principal = await signedInPrincipal(this.sessions, req, res, {
      returnTo: '/inbox',
      roles: WORKSPACE_ROLES,
    });
    if (!principal) return;
    res
      .status(200)
      .set({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'content-security-policy': this.csp,
      })
      .send(this.html);
  }
}
