import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { SIGN_IN_AUDIT } from '@samenspel/http';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditMiddleware } from './audit.middleware';
import { AuditTrail } from './audit-trail';
import { AuditedRoutes } from './audited-routes';
import { RequestAuditor } from './request-auditor';
import { SignInAuditTrail } from './sign-in-audit-trail';

/**
 * The audit trail of a service: @Audited routes and every admin request are recorded, and admins
 * read the trail at `GET /api/v1/audit`; sign-ins and sign-outs are recorded too (SIGN_IN_AUDIT). Global, so AuditTrail injects anywhere (e.g. erasure).
 * Needs TypeORM's DataSource and the HttpPlatformModule's logger.
 */
@Module({})
export class AuditModule implements NestModule {
  static forRoot(): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: [AuditController],
      providers: [
        AuditTrail,
        AuditedRoutes,
        RequestAuditor,
        AuditMiddleware,
        { provide: SIGN_IN_AUDIT, useClass: SignInAuditTrail },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
      exports: [AuditTrail, SIGN_IN_AUDIT],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditMiddleware).forRoutes('{*splat}');
  }
}
