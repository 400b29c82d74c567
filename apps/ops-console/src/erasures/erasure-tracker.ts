import { Inject, Injectable } from '@nestjs/common';
import {
  ErasureRequestedData,
  PRIVACY_EVENT_TYPES,
  TOPICS,
  YouthErasedData,
  type CloudEvent,
} from '@samenspel/contracts';
import {
  ERASURE_SOURCE,
  forgetSentConfirmation,
  YOUTH_DATA_ERASER,
  youthRefDigest,
  YouthErasure,
  type YouthDataEraser,
} from '@samenspel/erasure';
import {
  decodeEvent,
  EnvelopeError,
  validateData,
  type IncomingMessage,
  type UnitOfWork,
} from '@samenspel/messaging';
import { lockOrYield } from '@samenspel/persistence';
import type { EntityManager } from 'typeorm';
import { LedgerRepository } from '../ledger/ledger.repository';
import { ErasureRepository } from './erasure.repository';

const PRIVACY_TOPICS: readonly string[] = [TOPICS.jeugdzorgPrivacy, TOPICS.privacy];

/** The advisory lock of one youngster's erasure requests and confirmations (by digest). */
export const erasureLock = (youthRef: string) => `ops-erasure:${youthRefDigest(youthRef)}`;

/**
 * The ops console's part in erasure. It has no EventProcessor of its own (its flow monitor reads
 * every topic raw), so the monitor hands it each record it recorded for the first time, in the same
 * transaction and in partition order. A privacy record is handled at once:
 * - the request: the console erases its own data and confirms, like every service;
 * - a confirmation: counted for the youngster's open requests (waiting, if the request was not
 *   seen yet); the console erases again what was recorded about the youngster since, and a request
 *   that every service confirmed is complete and forgets its youthRef.
 * Requests and confirmations arrive on two topics, read concurrently: each takes the youngster's
 * advisory lock first (`lockOrYield`), so that a confirmation is never put to wait for a request
 * that another transaction is recording at that moment, unseen (its adoption would miss it).
 * Ledger rows of privacy records never keep the youthRef, and a record about a youngster erased
 * in the last days is erased as it arrives.
 */
@Injectable()
export class ErasureTracker {
  constructor(
    @Inject(YouthErasure) private readonly erasure: YouthErasure,
    @Inject(YOUTH_DATA_ERASER) private readonly eraser: YouthDataEraser,
    @Inject(ErasureRepository) private readonly requests: ErasureRepository,
    @Inject(LedgerRepository) private readonly ledger: LedgerRepository,
    @Inject(ERASURE_SOURCE) private readonly source: string,
  ) {}

  /** Whether `onRecorded` acts on the record: a privacy record, which may erase a youngster. */
  handles(message: IncomingMessage): boolean {
    return PRIVACY_TOPICS.includes(message.topic);
  }

  /**
   * A record the monitor recorded for the first time. Only a privacy record is handled here; the
   * others are checked once per transaction, by `eraseIfErased`. `clusterId`: the cluster the
   * record was read from (with its coordinates, its ledger row's key).
   */
  async onRecorded(uow: UnitOfWork, clusterId: string, message: IncomingMessage): Promise<void> {
    if (!this.handles(message)) return;
    await this.ledger.forgetYouthRef(uow.em, clusterId, message);
    let event: CloudEvent;
    try {
      event = decodeEvent(message);
    } catch (error) {
      if (error instanceof EnvelopeError) return;
      throw error;
    }
    if (event.type === PRIVACY_EVENT_TYPES.erasureRequested) {
      const { value, errors } = validateData(ErasureRequestedData, event.data);
      if (value && errors.length === 0) await this.onRequest(uow, event, value);
    } else if (event.type === PRIVACY_EVENT_TYPES.erased) {
      const { value, errors } = validateData(YouthErasedData, event.data);
      if (value && errors.length === 0) await this.onConfirmation(uow.em, event, value);
    }
  }

  /**
   * A record about a youngster erased in the last days (an event in flight at the moment of the
   * erasure, read from another topic after it) is erased as soon as it is recorded: the monitor
   * hands over the ledger rows one transaction recorded (`ledgerIds`) before it commits, and
   * each youngster among them who was erased is erased again, once. Returns how many were.
   */
  async eraseIfErased(em: EntityManager, ledgerIds: readonly string[]): Promise<number> {
    if (ledgerIds.length === 0) return 0;
    const erased = await this.ledger.erasedAmong(em, ledgerIds);
    for (const youthRef of erased) await this.eraser.erase(em, youthRef);
    return erased.length;
  }

  private async onRequest(uow: UnitOfWork, event: CloudEvent, data: ErasureRequestedData): Promise<void> {
    const { em } = uow;
    await lockOrYield(em, erasureLock(data.youthRef));
    await this.requests.insertRequest(em, {
      id: event.id,
      youthRef: data.youthRef,
      origin: event.source === this.source ? 'admin-api' : 'event',
      requestedAt: new Date(data.requestedAt),
    });
    await this.requests.adoptWaitingConfirmations(em, event.id, data.youthRef);
    await this.erasure.erase(
      em,
      { requestId: event.id, source: event.source, youthRef: data.youthRef },
      (confirmation) => uow.publish(confirmation),
    );
    // The confirmations it adopted may already be every service's (late repeats of an earlier request).
    await this.requests.completeIfConfirmed(em, event.id);
  }

  private async onConfirmation(em: EntityManager, event: CloudEvent, data: YouthErasedData): Promise<void> {
    await lockOrYield(em, erasureLock(data.youthRef));
    if (event.source === this.source) await forgetSentConfirmation(em, event.id, data.youthRef);
    const open = await this.requests.confirm(em, data.youthRef, data.service, new Date(data.erasedAt));
    if (open.length === 0) return;
    // Records of other topics about the youngster may have been read after our own erasure.
    await this.eraser.erase(em, data.youthRef);
    for (const id of open) await this.requests.completeIfConfirmed(em, id);
  }
}
