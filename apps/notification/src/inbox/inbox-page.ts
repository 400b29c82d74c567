import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { inlinePageCsp } from '@samenspel/http';
import { INBOX_HTML } from './inbox.html';

/**
 * Serves the team workspace page at GET /inbox: one static HTML file with its script inline, no build
 * step. It is outside the API prefix and public; the page itself calls the API with the token
 * from its URL fragment (which browsers never send to the server).
 */
@Injectable()
export class InboxPage implements OnModuleInit {
  private readonly html = INBOX_HTML;
  /** Only the page's own inline script and style run (by hash); it may call only this origin. */
  private readonly csp = inlinePageCsp(INBOX_HTML);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    this.adapterHost.httpAdapter.get('/inbox', (_req: Request, res: Response) => {
      res
        .status(200)
        .set({
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'content-security-policy': this.csp,
        })
        .send(this.html);
    });
  }
}
