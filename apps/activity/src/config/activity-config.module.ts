import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ACTIVITY_CONFIG, type ActivityConfig } from './activity.config';

/** Hands the validated ActivityConfig to every feature module. */
@Global()
@Module({})
export class ActivityConfigModule {
  static forRoot(config: ActivityConfig): DynamicModule {
    return {
      module: ActivityConfigModule,
      providers: [{ provide: ACTIVITY_CONFIG, useValue: config }],
      exports: [ACTIVITY_CONFIG],
    };
  }
}
