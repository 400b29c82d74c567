import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AuditTrail } from '@samenspel/audit';
import { serviceNamed, type ServiceName } from '@samenspel/bootstrap';
import { ERASURE_SOURCE, ErasureEventsController } from './erasure-events.controller';
import {
  RETENTION_ANONYMISER,
  RETENTION_POLICY,
  YOUTH_DATA_ERASER,
  type RetentionAnonymiser,
  type RetentionPolicy,
  type YouthDataEraser,
} from './erasure.ports';
import { RETENTION_SWEEP_INTERVAL_MS, RetentionSweeper } from './retention-sweeper';
import { ERASURE_SERVICE, YouthErasure } from './youth-erasure';

export interface ErasureModuleOptions {
  service: ServiceName;
  eraser: Type<YouthDataEraser>;
  anonymiser: Type<RetentionAnonymiser>;
  policy: RetentionPolicy;
  sweepIntervalMs: number;
  /**
   * Consume the privacy events through the service's EventProcessor (default). The ops console
   * says false: its flow monitor already reads every topic and hands it the privacy events.
   */
  eventHandlers?: boolean;
}

/** A service's part in erasure (AVG art. 17) and retention: its eraser, anonymiser and the shared handling. */
@Module({})
export class ErasureModule {
  static forService(options: ErasureModuleOptions): DynamicModule {
    return {
      module: ErasureModule,
      controllers: options.eventHandlers === false ? [] : [ErasureEventsController],
      providers: [
        { provide: ERASURE_SERVICE, useValue: options.service },
        { provide: ERASURE_SOURCE, useValue: serviceNamed(options.service).source },
        { provide: YOUTH_DATA_ERASER, useClass: options.eraser },
        { provide: RETENTION_ANONYMISER, useClass: options.anonymiser },
        { provide: RETENTION_POLICY, useValue: options.policy },
        { provide: RETENTION_SWEEP_INTERVAL_MS, useValue: options.sweepIntervalMs },
        AuditTrail,
        YouthErasure,
        RetentionSweeper,
      ],
      exports: [YouthErasure, RetentionSweeper, YOUTH_DATA_ERASER, ERASURE_SOURCE],
    };
  }
}
