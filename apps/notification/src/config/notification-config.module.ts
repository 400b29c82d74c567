import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NOTIFICATION_CONFIG, type NotificationConfig } from './notification.config';

/** Hands the validated NotificationConfig to every feature module. */
@Global()
@Module({})
export class NotificationConfigModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: NotificationConfigModule,
      providers: [{ provide: NOTIFICATION_CONFIG, useValue: config }],
      exports: [NOTIFICATION_CONFIG],
    };
  }
}
