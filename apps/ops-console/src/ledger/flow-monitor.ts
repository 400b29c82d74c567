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
import { DataSource, type EntityManager } from 'typeorm';
import { ErasureTracker } from '../erasures/erasure-tracker';
import { ImpactTally, LedgerIngest } from './ledger-ingest';
import { OpsKafka } from '../shared/ops-kafka';
import { OPS_SETTINGS, type OpsSettings } from '../config/ops-settings';

/** How many records of one partition the monitor records in one transaction. */
export const LEDGER_CHUNK_SIZE = 100;

/**
 * The monitor is off the flows' path: nothing waits for its ledger but a person at the console.
 * It lets a fetch wait up to half a second for 128 KiB (the services: 100 ms or 64 KiB), so that
 * under load a partition's batch, and so a transaction of the ledger, holds several records
 * instead of about one: it reads every topic, some 25 partitions in one fetch.
 */
export const MONITOR_FETCH = { minBytes: 128 * 1024, maxWaitMs: 500 };

type Outcome = 'recorded' | 'duplicate' | 'skipped';

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
    await batchThenOneByOne(this.dataSource, chunk, {
      batch: (em) => this.recordAll(em, clusterId, chunk, control),
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
      [outcome] = await this.dataSource.transaction((em) =>
        this.recordAll(em, clusterId, [message], control),
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

  /**
   * Records the records in order in the caller's transaction: their ledger rows in one statement
   * per run (see `runs`), each new record's projections, erasure requests and confirmations as they
   * come, then, once for them all, the erasure of any youngster among them erased in the last days,
   * and the impact counters. Returns the outcome of each record it got to.
   */
  private async recordAll(
    em: EntityManager,
    clusterId: string,
    messages: IncomingMessage[],
    control: BatchControl,
  ): Promise<Outcome[]> {
    // Holding the locks of its earlier records, a chunk must not wait for another: it yields and
    // is recorded one record per transaction, where waiting is safe.
    if (messages.length > 1) neverWaitForLocks(em);
    const counters = new ImpactTally();
    const outcomes: Outcome[] = [];
    const recorded: string[] = [];
    for (const run of this.runs(messages)) {
      if (outcomes.length > 0 && !control.shouldContinue()) break;
      const entries = await this.ingest.recordBatch(em, clusterId, run, counters);
      for (const [i, entry] of entries.entries()) {
        if (entry.outcome === 'recorded') {
          await this.erasures.onRecorded(em, clusterId, run[i]);
          if (entry.youthRef !== null) recorded.push(entry.ledgerId);
        }
        outcomes.push(entry.outcome);
      }
    }
    await this.erasures.eraseIfErased(em, recorded);
    await counters.flush(em);
    return outcomes;
  }

  /**
   * The records in runs that each end at a privacy record, whose handling may erase a youngster:
   * the records after it are recorded after that erasure, as when recorded one by one.
   */
  private runs(messages: IncomingMessage[]): IncomingMessage[][] {
    const runs: IncomingMessage[][] = [[]];
    for (const message of messages) {
      runs[runs.length - 1].push(message);
      if (this.erasures.handles(message)) runs.push([]);
    }
    return runs.filter((run) => run.length > 0);
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
