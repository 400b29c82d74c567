import type { DynamicModule } from '@nestjs/common';
import { globalModule, kafkaTransportOf, serviceNamed } from '@samenspel/bootstrap';
import { SERVICE_LOGGER } from '@samenspel/http';
import { kafkaConnectionOptions, KafkaJsBroker } from '@samenspel/messaging';
import type { Logger } from 'pino';
import type { OpsConsoleConfig } from '../config/ops-console.config';
import { OpsKafka } from './ops-kafka';

/** The console's own broker connections, for the flow monitor, the replays and the Kafka health. */
export const OpsKafkaModule = {
  forRoot: (config: OpsConsoleConfig): DynamicModule =>
    globalModule('OpsKafkaModule', [
      {
        provide: OpsKafka,
        inject: [SERVICE_LOGGER],
        useFactory: (logger: Logger) =>
          new OpsKafka(
            new KafkaJsBroker(
              config.KAFKA_BROKERS,
              logger.child({ component: 'ops-kafka' }),
              kafkaConnectionOptions(kafkaTransportOf(config)),
            ),
            serviceNamed('ops-console').clientId,
          ),
      },
    ]),
};
