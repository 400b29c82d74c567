import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NoteCipher, noteCipherFrom } from '@samenspel/persistence';
import type { OpsConsoleConfig } from './ops-console.config';
import { OPS_SETTINGS, opsSettings } from './ops-settings';

/** Hands every feature the settings of the validated config, and the cipher of its note keys. */
@Global()
@Module({})
export class OpsConfigModule {
  static forRoot(config: OpsConsoleConfig): DynamicModule {
    return {
      module: OpsConfigModule,
      providers: [
        { provide: OPS_SETTINGS, useValue: opsSettings(config) },
        { provide: NoteCipher, useFactory: () => noteCipherFrom(config) },
      ],
      exports: [OPS_SETTINGS, NoteCipher],
    };
  }
}
