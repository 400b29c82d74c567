import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { BrokerProducer } from '../broker/broker.port';
import { backoff, delay } from '../consumer/retry-policy';
import { OUTBOX_CHANNEL } from './outbox';

export interface OutboxRelayOptions {
  /** The service's database connection string, for the relay's own session (leader lock and LISTEN). */
  connectionString: string;
  /** Rows per send; one batch is one acknowledged produce request per partition, never one await per event. */
  batchSize?: number;
  /** Poll interval when no notification arrives; also how often a standby tries to become leader. */
  pollIntervalMs?: number;
  /** Sent rows are kept this long for inspection, then deleted. */
  retentionMs?: number;
  /** A key unique to the service: two relays of the same service share it, different services do not. */
  leaderLockKey: number;
  /** After each acknowledged batch: the topic and type of every event in it. */
  onPublished?: (events: { topic: string; type: string }[]) => void;
}

/**
 * Marks a published batch sent. The batch's rows are found in the partial index of unsent rows
 * (`outbox_event_unsent`), which stays as small as the backlog however many rows were ever sent.
 * Without `sent_at IS NULL`, PostgreSQL plans `position = ANY($1)` as a table scan while the table
 * is small and has no statistics, and a prepared statement keeps that plan on its connection until
 * the statistics change: without autovacuum, for good, while the table grows. (Only the leading
 * relay marks rows, so the condition changes no outcome.)
 */
export const MARK_SENT = `UPDATE outbox_event SET sent_at = now() WHERE sent_at IS NULL AND position = ANY($1::bigint[])`;

type Row = {
  position: string;
  topic: string;
  event_type: string;
  event_key: string;
  payload: string;
  headers: Record<string, string>;
};

/**
 * Publishes outbox rows in position order and marks them sent only after the broker acknowledged
 * them (acks=all, idempotent producer). Safe with several instances: one leader, chosen by a
 * PostgreSQL session advisory lock, relays; the others stand by and take over if it dies.
 * A crash between send and mark means a resend: consumers deduplicate by event id.
 */
export class OutboxRelay {
  private session?: Client;
  private leader = false;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A notification came while the relay was busy: look again before idling. */
  private pendingWake = false;
  private lastCleanup = 0;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retentionMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: BrokerProducer,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.retentionMs = options.retentionMs ?? 3 * 24 * 3600 * 1000;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops relaying after publishing what is already committed (bounded by `flushTimeoutMs`). */
  async stop(flushTimeoutMs = 10000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    if (this.leader) {
      const deadline = Date.now() + flushTimeoutMs;
      try {
        while (Date.now() < deadline && (await this.relayBatch()) > 0) {
          /* drain */
        }
      } catch (error) {
        this.logger.warn(
          { err: error },
          'outbox flush on shutdown incomplete; the rest goes out on next start',
        );
      }
    }
    await this.closeSession();
  }

  /** Seconds since the oldest unsent row was written (0 when none waits). */
  async oldestUnsentAgeSeconds(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age FROM outbox_event WHERE sent_at IS NULL`,
    );
    return Number(row.age);
  }

  /** Unsent rows, for metrics and health. */
  async backlog(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE sent_at IS NULL`,
    );
    return row.n;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (!(await this.ensureLeadership())) {
          await this.idle();
          continue;
        }
        this.pendingWake = false;
        const sent = await this.relayBatch();
        failures = 0;
        await this.cleanup();
        // A row committed while this batch was read or sent notified a relay that was not idle:
        // without the flag it would wait for the next notification or the poll interval.
        if (sent < this.batchSize && !this.pendingWake) await this.idle();
      } catch (error) {
        failures += 1;
        this.logger.error({ err: error, failures }, 'outbox relay failed; retrying the same batch');
        await this.closeSession();
        await delay(backoff(failures, 100, 5000));
      }
    }
  }

  /** Publishes one batch in position order; returns how many rows it sent. */
  private async relayBatch(): Promise<number> {
    const rows: Row[] = await this.dataSource.query(
      // The payload as PostgreSQL's text of the jsonb: sent as it is, never parsed and re-serialised.
      `SELECT position, topic, event_type, event_key, payload::text AS payload, headers FROM outbox_event
        WHERE sent_at IS NULL ORDER BY position LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    await this.producer.send(
      rows.map((r) => ({
        topic: r.topic,
        key: r.event_key,
        value: r.payload,
        headers: r.headers,
      })),
    );
    await this.dataSource.query(MARK_SENT, [rows.map((r) => r.position)]);
    this.options.onPublished?.(rows.map((r) => ({ topic: r.topic, type: r.event_type })));
    return rows.length;
  }

  private async ensureLeadership(): Promise<boolean> {
    if (this.leader && this.session) return true;
    if (!this.session) {
      const session = new Client({
        connectionString: this.options.connectionString,
        application_name: 'outbox-relay',
      });
      session.on('error', (error) => {
        this.logger.warn({ err: error }, 'outbox relay session lost; leadership released');
        this.leader = false;
        this.session = undefined;
        this.wake?.();
      });
      session.on('notification', () => {
        this.pendingWake = true;
        this.wake?.();
      });
      await session.connect();
      await session.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.session = session;
    }
    const { rows } = await this.session.query('SELECT pg_try_advisory_lock($1) AS ok', [
      this.options.leaderLockKey,
    ]);
    if (rows[0].ok && !this.leader) this.logger.info('outbox relay is leader');
    this.leader = rows[0].ok;
    return this.leader;
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wake = done;
    });
  }

  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 60000) return;
    this.lastCleanup = Date.now();
    await this.dataSource.query(
      `DELETE FROM outbox_event WHERE sent_at IS NOT NULL AND sent_at < now() - ($1::bigint * interval '1 millisecond')`,
      [this.retentionMs],
    );
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.leader = false;
    // Ending the session releases the advisory lock, so a standby can take over at once.
    await session
      ?.end()
      .catch((error: unknown) => this.logger.debug({ err: error }, 'relay session close failed'));
  }
}
