import type { DynamicModule } from '@nestjs/common';
import { globalModule } from '@samenspel/bootstrap';
import { NoteCipher, noteCipherFrom } from '@samenspel/persistence';
import type { OpsConsoleConfig } from './ops-console.config';
import { OPS_SETTINGS, opsSettings } from './ops-settings';

/** Hands every feature the settings of the validated config, and the cipher of its note keys. */
export const OpsConfigModule = {
  forRoot: (config: OpsConsoleConfig): DynamicModule =>
    globalModule('OpsConfigModule', [
      { provide: OPS_SETTINGS, useValue: opsSettings(config) },
      { provide: NoteCipher, useFactory: () => noteCipherFrom(config) },
    ]),
};
