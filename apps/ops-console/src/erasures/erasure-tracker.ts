import { Inject, Injectable } from '@nestjs/common';
import {
  ErasureRequestedData,
  PRIVACY_EVENT_TYPES,
  TOPICS,
  YouthErasedData,
  type CloudEvent,
} from '@samenspel/contracts';
import { YOUTH_DATA_ERASER, type YouthDataEraser } from '@samenspel/erasure';
import {
  decodeEvent,
  EnvelopeError,
  validateData,
  type IncomingMessage,
  type UnitOfWork,
} from '@samenspel/messaging';
import type { EntityManager } from 'typeorm';
import { LedgerRepository } from '../ledger/ledger.repository';
import { CountErasureConfirmationCommand } from './usecases/count-erasure-confirmation/count-erasure-confirmation.command';
import { CountErasureConfirmation } from './usecases/count-erasure-confirmation/count-erasure-confirmation.usecase';
import { RecordErasureRequestCommand } from './usecases/record-erasure-request/record-erasure-request.command';
import { RecordErasureRequest } from './usecases/record-erasure-request/record-erasure-request.usecase';

const PRIVACY_TOPICS: readonly string[] = [TOPICS.jeugdzorgPrivacy, TOPICS.privacy];

/**
 * The ops console's part in erasure. It has no EventProcessor of its own (its flow monitor reads
 * every topic raw), so the monitor hands it each record it recorded for the first time, in the same
 * unit of work and in partition order. A privacy record is handled at once: a request by
 * RecordErasureRequest, a confirmation by CountErasureConfirmation. Requests and confirmations
 * arrive on two topics, read concurrently: each takes the youngster's advisory lock first
 * (`lockOrYield`), so that a confirmation is never put to wait for a request that another
 * transaction is recording at that moment, unseen (its adoption would miss it). Ledger rows of
 * privacy records never keep the youthRef, and a record about a youngster erased in the last days
 * is erased as it arrives.
 */
@Injectable()
export class ErasureTracker {
  constructor(
    private readonly recordRequest: RecordErasureRequest,
    private readonly countConfirmation: CountErasureConfirmation,
    @Inject(YOUTH_DATA_ERASER) private readonly eraser: YouthDataEraser,
    private readonly ledger: LedgerRepository,
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
      if (!value || errors.length > 0) return;
      const command = new RecordErasureRequestCommand({
        requestId: event.id,
        source: event.source,
        youthRef: value.youthRef,
        requestedAt: new Date(value.requestedAt),
      });
      await this.recordRequest.execute(command, uow);
    } else if (event.type === PRIVACY_EVENT_TYPES.erased) {
      const { value, errors } = validateData(YouthErasedData, event.data);
      if (!value || errors.length > 0) return;
      const command = new CountErasureConfirmationCommand({
        eventId: event.id,
        source: event.source,
        youthRef: value.youthRef,
        service: value.service,
        erasedAt: new Date(value.erasedAt),
      });
      await this.countConfirmation.execute(command, uow);
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
    return this.eraseAgain(em, await this.ledger.erasedAmong(em, ledgerIds));
  }

  /**
   * Erases again youngsters erased in the last days whose records one transaction recorded, as
   * the statement that recorded them found them (no privacy record among them). Returns how many.
   */
  async eraseAgain(em: EntityManager, youthRefs: readonly string[]): Promise<number> {
    for (const youthRef of youthRefs) await this.eraser.erase(em, youthRef);
    return youthRefs.length;
  }
}
