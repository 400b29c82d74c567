import { Module } from '@nestjs/common';
import { KafkaHealthController } from './kafka-health.controller';
import { KafkaHealthService } from './kafka-health.service';

/** Consumer lag and topic throughput, in the API and as a gauge. */
@Module({
  controllers: [KafkaHealthController],
  providers: [KafkaHealthService],
})
export class KafkaHealthModule {}
