import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MetricsRegistry, SERVICE_LOGGER } from '@samenspel/http';
import {
  MessagingRuntime,
  type BatchControl,
  type BrokerConsumer,
  type IncomingBatch,
} from '@samenspel/messaging';
import { isTransientInfrastructureError } from '@samenspel/persistence';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { ErasureTracker } from '../erasures/erasure-tracker';
import { LedgerIngest } from './ledger-ingest';
import { OpsKafka } from './ops-kafka';
import { OPS_SETTINGS, type OpsSettings } from './ops-settings';

/**
 * The flow monitor: its own consumer group reads every Samenspel and jeugdzorg topic and their
 * dead-letter topics raw (invalid events and dead letters included), records each record in the
 * ledger in one transaction and commits the offset only after that transaction committed.
 * Partition order is kept; a record that cannot be recorded for a non-transient reason is logged
 * and skipped so that it never blocks its partition. A record is known by its cluster's id (asked
 * once at start-up) and its coordinates, so that a new cluster's records are never taken for
 * redeliveries of an old cluster's.
 */
@Injectable()
export class FlowMonitor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: BrokerConsumer;
  private readonly recorded: Counter<'topic' | 'outcome'>;

  constructor(
    private readonly kafka: OpsKafka,
    private readonly dataSource: DataSource,
    private readonly ingest: LedgerIngest,
    @Inject(ErasureTracker) private readonly erasures: ErasureTracker,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    metrics: MetricsRegistry,
    // Injected so that the topics exist (the runtime creates them) before the monitor subscribes.
    _runtime: MessagingRuntime,
  ) {
    this.recorded = new Counter({
      name: 'samenspel_ops_ledger_records_total',
      help: 'Records the flow monitor saw, by topic and outcome (recorded, duplicate, skipped)',
      labelNames: ['topic', 'outcome'],
      registers: [metrics],
    });
  }

  get joined(): boolean {
    return this.consumer?.joined ?? false;
  }

  async onApplicationBootstrap(): Promise<void> {
    const clusterId = await this.kafka.clusterId();
    this.logger.info({ clusterId }, 'the flow monitor reads this Kafka cluster');
    this.consumer = await this.kafka.broker.consumer({
      groupId: this.settings.groupId,
      clientId: `${this.settings.clientId}-monitor`,
      topics: this.settings.topics,
      fromBeginning: this.settings.fromBeginning,
      partitionsConcurrently: 4,
    });
    await this.consumer.run((batch, control) => this.onBatch(clusterId, batch, control));
  }

  private async onBatch(clusterId: string, batch: IncomingBatch, control: BatchControl): Promise<void> {
    for (const message of batch.messages) {
      if (!control.shouldContinue()) break;
      let outcome: string;
      try {
        outcome = await this.dataSource.transaction(async (em) => {
          const result = await this.ingest.ingest(em, clusterId, message);
          // Erasure requests and confirmations, the first time they are seen (same transaction).
          if (result === 'recorded') await this.erasures.onRecorded(em, clusterId, message);
          return result;
        });
      } catch (error) {
        if (isTransientInfrastructureError(error)) {
          await control.commit();
          throw error; // the consumer backs off and fetches again from the last commit
        }
        outcome = 'skipped';
        this.logger.error(
          {
            topic: message.topic,
            partition: message.partition,
            offset: message.offset,
            err: (error as Error).name,
          },
          'ledger could not record a record; skipped',
        );
      }
      this.recorded.inc({ topic: message.topic, outcome });
      control.markHandled(message);
      await control.heartbeat();
    }
    await control.commit();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.kafka.close();
  }
}
