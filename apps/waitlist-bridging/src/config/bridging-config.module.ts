import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BRIDGING_CONFIG, type BridgingConfig } from './bridging.config';

/** Hands the validated BridgingConfig to every feature module. */
@Global()
@Module({})
export class BridgingConfigModule {
  static forRoot(config: BridgingConfig): DynamicModule {
    return {
      module: BridgingConfigModule,
      providers: [{ provide: BRIDGING_CONFIG, useValue: config }],
      exports: [BRIDGING_CONFIG],
    };
  }
}
