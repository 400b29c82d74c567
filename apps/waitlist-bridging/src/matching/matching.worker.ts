import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SERVICE_LOGGER } from '@samenspel/http';
import { withDatabase } from '@samenspel/persistence';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ActivityUnavailableError } from '../activity-catalog/activity-catalog.port';
import { BRIDGING_CONFIG, type BridgingConfig } from '../config/bridging.config';
import { OffersRepository } from '../offers/offers.repository';
import { WaitlistEntriesRepository } from '../waitlist-entries/waitlist-entries.repository';
import { HoldReleaser } from './hold-releaser';
import { MATCH_CHANNEL } from './matcher.signal';
import { Matcher, type EntryWithOffers } from './matcher';

/** When the activity service was away: try an entry again after this long. */
const RETRY_AFTER_MS = 5000;
const BATCH = 20;
/** Batches in one pass of the matcher. */
const ROUNDS = 50;

/**
 * Runs the matcher outside of any event's transaction: entries in `matching` are matched oldest
 * first (FIFO by enteredAt), in order within a municipality and municipalities side by side, and
 * withdrawn offers get their seats released. It is woken by NOTIFY when a transaction that gave it
 * work commits, and looks anyway every BRIDGING_MATCH_SWEEP_MS for work left over (a crash, an
 * activity service that was away).
 * One matcher per instance; two instances would at worst both try an entry, which the idempotent
 * hold reference and the conditional offer insert make harmless.
 */
@Injectable()
export class MatchingWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private pendingWake = false;
  private session?: Client;

  constructor(
    private readonly dataSource: DataSource,
    private readonly matcher: Matcher,
    private readonly holdReleaser: HoldReleaser,
    private readonly entries: WaitlistEntriesRepository,
    private readonly offers: OffersRepository,
    @Inject(BRIDGING_CONFIG) private readonly config: BridgingConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
    await this.session
      ?.end()
      .catch((error: unknown) => this.logger.debug({ err: error }, 'matcher session close'));
  }

  private async listen(): Promise<void> {
    const database = this.config.DATABASE_NAME ?? 'samenspel_bridging';
    const session = new Client({
      connectionString: withDatabase(this.config.DATABASE_URL, database),
      application_name: 'bridging-matcher',
    });
    session.on('notification', () => this.poke());
    session.on('error', (error) => {
      this.logger.warn({ err: error }, 'matcher LISTEN session lost; sweeping until it is back');
      this.session = undefined;
    });
    try {
      await session.connect();
      await session.query(`LISTEN ${MATCH_CHANNEL}`);
      this.session = session;
    } catch (error) {
      this.logger.warn({ err: error }, 'matcher could not LISTEN; sweeping only');
    }
  }

  private poke(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pendingWake = false;
      let more = false;
      try {
        more = await this.drain();
      } catch (error) {
        this.logger.error({ err: error }, 'matcher pass failed');
      }
      if (!this.session && this.running) await this.listen();
      // Work left after a pass is nobody else's to announce: idling here would leave it until the
      // next sweep (under a burst, a pause of BRIDGING_MATCH_SWEEP_MS after every pass).
      if (!more && !this.pendingWake && this.running) await this.idle();
    }
  }

  /**
   * One pass: batches until one comes back short, or at most ROUNDS of them (then `run` checks the
   * LISTEN session and passes again at once). Resolves whether work may be left.
   */
  private async drain(): Promise<boolean> {
    for (let round = 0; this.running && round < ROUNDS; round++) {
      let released = 0;
      try {
        released = await this.holdReleaser.releasePending(BATCH);
      } catch (error) {
        this.logger.warn({ err: error }, 'releasing withdrawn holds failed; retrying later');
      }
      const em = this.dataSource.manager;
      const ready = await this.entries.readyToMatch(em, BATCH);
      // The entries and their offers are read once for the batch; recording a match checks again,
      // with the entry locked, what may have changed meanwhile (see RecordMatch).
      const offers = await this.offers.offersOf(
        em,
        ready.map((e) => e.waitlistEntryId),
      );
      // Youngsters of one municipality compete for the same seats, so their seats are held in one
      // call that serves them oldest first. Municipalities never share an activity (candidates are
      // of the youngster's municipality), so they are matched side by side: a match mostly waits on
      // the activity service and the database.
      const lanes = new Map<string, EntryWithOffers[]>();
      for (const entry of ready) {
        const read = { entry, offers: offers.filter((o) => o.waitlistEntryId === entry.waitlistEntryId) };
        lanes.set(entry.municipalityCode, [...(lanes.get(entry.municipalityCode) ?? []), read]);
      }
      const results = await Promise.allSettled([...lanes.values()].map((lane) => this.matchInOrder(lane)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      if (ready.length < BATCH && released < BATCH) return false;
    }
    return this.running;
  }

  /** One municipality's youngsters of the batch, oldest first: their seats are held in one call, in order. */
  private async matchInOrder(lane: EntryWithOffers[]): Promise<void> {
    if (!this.running) return;
    const outcomes = await this.matcher.matchInOrder(lane);
    for (const [i, outcome] of outcomes.entries()) {
      if (!(outcome instanceof Error)) continue;
      const id = lane[i]!.entry.waitlistEntryId;
      const level = outcome instanceof ActivityUnavailableError ? 'warn' : 'error';
      this.logger[level]({ err: outcome, waitlistEntryId: id }, 'matching failed; retrying later');
      await this.entries.postponeMatching(this.dataSource.manager, id, new Date(Date.now() + RETRY_AFTER_MS));
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.config.BRIDGING_MATCH_SWEEP_MS);
      this.wake = done;
    });
  }
}
