import {
  Inject,
  Injectable,
  Module,
  Optional,
  type DynamicModule,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { TokenVerifier } from '../auth/token-verifier';
import { SERVICE_LOGGER } from '../service-logger';
import { BrowserSessions } from './browser-sessions';
import { OidcRelyingParty } from './oidc-relying-party';
import { sessionRoutes } from './session-routes';
import {
  SIGN_IN_AUDIT,
  type SessionSettings,
  type SessionTokenCipher,
  type SignInAudit,
} from './session-settings';
import { WebSessionStore } from './web-session.store';

export interface BrowserSessionOptions {
  /** The service's name: it names the cookies (`__Host-samenspel-<service>-session`), one pair per service on a host. */
  service: string;
  config: SessionSettings;
  /** Encrypts the tokens at rest, e.g. the service's NoteCipher. */
  cipher: SessionTokenCipher;
  /** The page a sign-in lands on without a return path. */
  landingPath: string;
}

const OPTIONS = Symbol('BROWSER_SESSION_OPTIONS');

/** How often the sessions that ended unnoticed (idle, past their lifetime) are deleted. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Adds the sign-in routes to the app's HTTP server, and deletes ended sessions now and then. */
@Injectable()
class SessionRoutesRegistrar implements OnModuleInit, OnModuleDestroy {
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly sessions: BrowserSessions,
    @Inject(OPTIONS) private readonly options: BrowserSessionOptions,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Optional() @Inject(SIGN_IN_AUDIT) private readonly audit?: SignInAudit,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    const routes = sessionRoutes({
      sessions: this.sessions,
      landingPath: this.options.landingPath,
      origin: this.sessions.origin,
      audit: this.audit,
    });
    this.sweeper = setInterval(() => {
      this.sessions
        .sweepEnded()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'session sweep failed'));
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
    for (const route of routes) {
      app[route.method](route.path, (req: Request, res: Response, next: NextFunction) => {
        Promise.resolve()
          .then(() => route.handle(req, res))
          .catch(next);
      });
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}

/**
 * Browser sign-in with OpenID Connect for a service with pages (backend-for-frontend): the sign-in
 * routes under /auth, the web_session table (migration WebSessions1796400000000) and BrowserSessions,
 * through which the AuthGuard takes a session cookie as well as a bearer token. Global. Needs
 * TypeORM's DataSource and the HttpPlatformModule's TokenVerifier.
 */
@Module({})
export class BrowserSessionModule {
  static forService(options: BrowserSessionOptions): DynamicModule {
    return {
      module: BrowserSessionModule,
      global: true,
      providers: [
        { provide: OPTIONS, useValue: options },
        {
          provide: BrowserSessions,
          inject: [DataSource, TokenVerifier],
          useFactory: (dataSource: DataSource, verifier: TokenVerifier) =>
            new BrowserSessions(
              options.service,
              options.config,
              new WebSessionStore(dataSource, options.cipher),
              new OidcRelyingParty(options.config),
              options.cipher,
              verifier,
            ),
        },
        SessionRoutesRegistrar,
      ],
      exports: [BrowserSessions],
    };
  }
}
