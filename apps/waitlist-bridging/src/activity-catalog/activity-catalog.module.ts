import { Module } from '@nestjs/common';
import { ClientCredentialsTokenSource } from '@samenspel/http';
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
          tokens: new ClientCredentialsTokenSource({
            issuer: config.AUTH_ISSUER,
            tokenEndpoint: config.AUTH_TOKEN_URL,
            clientId: config.AUTH_CLIENT_ID,
            clientSecret: config.AUTH_CLIENT_SECRET,
            timeoutMs: config.ACTIVITY_TIMEOUT_MS,
          }),
        }),
    },
  ],
  exports: [ActivityCatalogPort],
})
export class ActivityCatalogModule {}
