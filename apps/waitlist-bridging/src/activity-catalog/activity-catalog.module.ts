import { Module } from '@nestjs/common';
import { BRIDGING_CONFIG, type BridgingConfig } from '../config/bridging.config';
import { ActivityCatalogPort } from './activity-catalog.port';
import { HttpActivityCatalog } from './http-activity-catalog.adapter';

/** The activity service, the authority on the catalogue and on seats, as the port the use cases need. */
@Module({
  providers: [
    {
      provide: ActivityCatalogPort,
      inject: [BRIDGING_CONFIG],
      useFactory: (config: BridgingConfig) =>
        new HttpActivityCatalog({
          baseUrl: config.ACTIVITY_URL,
          timeoutMs: config.ACTIVITY_TIMEOUT_MS,
          jwtSecret: config.JWT_SECRET,
          issuer: config.AUTH_ISSUER,
          audience: config.AUTH_AUDIENCE,
        }),
    },
  ],
  exports: [ActivityCatalogPort],
})
export class ActivityCatalogModule {}
