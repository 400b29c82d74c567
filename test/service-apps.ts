import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServiceConfig, serviceModule, type ServiceDefinition, type ServiceName } from '@samenspel/bootstrap';
import { loadConfig, setApiPrefix } from '@samenspel/http';
import { ACTIVITY_SERVICE } from '../apps/activity/src/main';
import { NOTIFICATION_SERVICE } from '../apps/notification/src/main';
import { OPS_CONSOLE_SERVICE } from '../apps/ops-console/src/main';
import { REFERRAL_SERVICE } from '../apps/referral/src/main';
import { BRIDGING_SERVICE } from '../apps/waitlist-bridging/src/main';

export interface PreviewedService {
  name: ServiceName;
  version: string;
  /**
   * The service's modules, controllers and routes as its main.ts runs them, with no provider
   * instantiated: nothing connects to PostgreSQL or Kafka. Enough to read its routes and handlers.
   */
  preview(): Promise<INestApplication>;
}

function previewed<C extends ServiceConfig>(definition: ServiceDefinition<C>): PreviewedService {
  return {
    name: definition.name,
    version: definition.version ?? '0.1.0',
    preview: async () => {
      const config = loadConfig(definition.config ?? (ServiceConfig as new () => C), {});
      const app = await NestFactory.create(serviceModule(definition, config), {
        preview: true,
        logger: false,
      });
      setApiPrefix(app, definition.unprefixedRoutes);
      return app;
    },
  };
}

/** The five services, as their main.ts defines them. */
export const PREVIEWED_SERVICES: readonly PreviewedService[] = [
  previewed(OPS_CONSOLE_SERVICE),
  previewed(REFERRAL_SERVICE),
  previewed(BRIDGING_SERVICE),
  previewed(ACTIVITY_SERVICE),
  previewed(NOTIFICATION_SERVICE),
];
