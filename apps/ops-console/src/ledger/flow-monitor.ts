import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MetricsRegistry, SERVICE_LOGGER } from '@samenspel/http';
import {
  MessagingRuntime,
  Outbox,
  unitOfWork,
  UnitsOfWork,
  type BatchControl,
  type BrokerConsumer,
  type IncomingBatch,
  type IncomingMessage,
} from '@samenspel/messaging';
import {
  batchThenOneByOne,
  isTransientInfrastructureError,
  LockYield,
  neverWaitForLocks,
} from '@samenspel/persistence';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { OPS_SETTINGS, type OpsSettings } from '../config/ops-settings';
import { OpsKafka } from '../shared/ops-kafka';
import { RecordChunkCommand } from './usecases/record-chunk/record-chunk.command';
import { RecordChunk, type LedgerOutcome } from './usecases/record-chunk/record-chunk.usecase';

/** How many records of one partition the monitor records in one transaction. */
export const LEDGER_CHUNK_SIZE = 100;

/**
 * The monitor is off the flows' path: nothing waits for its ledger but a person at the console.
 * It lets a fetch wait up to half a second for 128 KiB (the services: 100 ms or 64 KiB), so that
 * under load a partition's batch, and so a transaction of the ledger, holds several records
 * instead of about one: it reads every topic, some 25 partitions in one fetch.
 */
export const MONITOR_FETCH = { minBytes: 128 * 1024, maxWaitMs: 500 };

type Outcome = LedgerOutcome | 'skipped';

/**
 * The flow monitor: its own consumer group reads every Samenspel and jeugdzorg topic and their
 * dead-letter topics raw (invalid events and dead letters included), records each batch in the
 * ledger in chunks of up to LEDGER_CHUNK_SIZE records of the partition, one transaction per chunk,
 * and commits the offsets only after that transaction committed. Partition order is kept. When a
 * chunk cannot be recorded for a non-transient reason (or would wait for a youngster's erasure
 * lock), it is recorded again one record per transaction: a record that cannot be recorded on its
 * own is logged and skipped, so that it never blocks its partition. A record is known by its
 * cluster's id (asked once at start-up) and its coordinates, so that a new cluster's records are
 * never taken for redeliveries of an old cluster's.
 */
@Injectable()
export class FlowMonitor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: BrokerConsumer;
  private readonly recorded: Counter<'topic' | 'outcome'>;

  constructor(
    private readonly kafka: OpsKafka,
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly units: UnitsOfWork,
    private readonly record: RecordChunk,
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
      fetch: MONITOR_FETCH,
    });
    await this.consumer.run((batch, control) => this.onBatch(clusterId, batch, control));
  }

  private async onBatch(clusterId: string, batch: IncomingBatch, control: BatchControl): Promise<void> {
    for (let i = 0; i < batch.messages.length && control.shouldContinue(); i += LEDGER_CHUNK_SIZE) {
      await this.recordChunk(clusterId, batch.messages.slice(i, i + LEDGER_CHUNK_SIZE), control);
    }
    await control.commit();
  }

  /**
   * One transaction for the chunk; its records count and are marked handled once it committed.
   * It may stop early when the partition is revoked: what it recorded until then commits.
   */
  private async recordChunk(
    clusterId: string,
    chunk: IncomingMessage[],
    control: BatchControl,
  ): Promise<void> {
    if (chunk.length === 1) {
      await this.recordAlone(clusterId, chunk[0], control);
      return;
    }
    await batchThenOneByOne<IncomingMessage, Outcome>(this.dataSource, chunk, {
      batch: (em) => {
        // Holding the locks of its earlier records, a chunk must not wait for another: it yields
        // and is recorded one record per transaction, where waiting is safe.
        neverWaitForLocks(em);
        return this.record.execute(this.command(clusterId, chunk, control), unitOfWork(em, this.outbox));
      },
      committed: async (outcomes) => {
        outcomes.forEach((outcome, i) => this.handled(chunk[i], outcome, control));
        await control.commit();
        await control.heartbeat();
      },
      failed: async (error) => {
        // A deadlock with another partition's chunk is no outage: recorded one by one, it cannot recur.
        if (isTransientInfrastructureError(error) && !isLockConflict(error)) {
          await control.commit();
          throw error; // the consumer backs off and fetches again from the last commit
        }
        if (error instanceof LockYield) {
          this.logger.info(
            { ...coordinates(chunk[0]), records: chunk.length },
            "a youngster's erasure is being recorded elsewhere; recording the chunk one record at a time",
          );
        } else {
          this.logger.warn(
            { ...coordinates(chunk[0]), records: chunk.length, ...errorKind(error) },
            'ledger could not record a chunk; recording its records one by one',
          );
        }
      },
      shouldContinue: () => control.shouldContinue(),
      alone: (message) => this.recordAlone(clusterId, message, control),
      redone: () => control.commit(),
    });
  }

  /** One record in its own transaction; one that cannot be recorded is logged and skipped. */
  private async recordAlone(
    clusterId: string,
    message: IncomingMessage,
    control: BatchControl,
  ): Promise<Outcome> {
    let outcome: Outcome;
    try {
      [outcome] = await this.units.run((uow) =>
        this.record.execute(this.command(clusterId, [message], control), uow),
      );
    } catch (error) {
      if (isTransientInfrastructureError(error)) {
        await control.commit();
        throw error; // the consumer backs off and fetches again from the last commit
      }
      outcome = 'skipped';
      this.logger.error(
        { ...coordinates(message), ...errorKind(error) },
        'ledger could not record a record; skipped',
      );
    }
    this.handled(message, outcome, control);
    await control.heartbeat();
    return outcome;
  }

  private command(clusterId: string, records: IncomingMessage[], control: BatchControl): RecordChunkCommand {
    return new RecordChunkCommand({ clusterId, records, shouldContinue: () => control.shouldContinue() });
  }

  private handled(message: IncomingMessage, outcome: Outcome, control: BatchControl): void {
    this.recorded.inc({ topic: message.topic, outcome });
    control.markHandled(message);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.kafka.close();
  }
}

const coordinates = (m: IncomingMessage) => ({ topic: m.topic, partition: m.partition, offset: m.offset });

/** What went wrong, without the message: a database error can quote the record's values. */
function errorKind(error: unknown): { err: string; code?: string } {
  const code = (error as { code?: unknown } | undefined)?.code;
  return {
    err: (error as Error | undefined)?.name ?? typeof error,
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** PostgreSQL deadlock_detected or serialization_failure: the transaction lost a race with another. */
function isLockConflict(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.driverError?.code;
  return code === '40P01' || code === '40001';
}
