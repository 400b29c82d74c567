import { Injectable } from '@nestjs/common';
import { PRIVACY_EVENT_TYPES, type ErasureRequestedData } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { randomUUID } from 'node:crypto';
import type { ErasureRequestRecord } from '../../erasure-request.entity';
import { ErasuresRepository } from '../../erasures.repository';
import type { RequestErasureCommand } from './request-erasure.command';

/**
 * The admin API's erasure request: the same event youth care sends, on jeugdzorg.privacy.v1 with
 * the console as its source, through the outbox; the request is recorded in the same transaction
 * under the event's id, so the confirmations are counted for it.
 */
@Injectable()
export class RequestErasure {
  constructor(private readonly requests: ErasuresRepository) {}

  async execute(command: RequestErasureCommand, uow: UnitOfWork): Promise<ErasureRequestRecord> {
    const requestedAt = new Date();
    const [event] = await uow.publish({
      type: PRIVACY_EVENT_TYPES.erasureRequested,
      key: command.youthRef,
      aggregateType: 'erasure',
      aggregateId: randomUUID(),
      data: {
        youthRef: command.youthRef,
        requestedAt: requestedAt.toISOString(),
      } satisfies ErasureRequestedData,
    });
    await this.requests.insertRequest(uow.em, {
      id: event.id,
      youthRef: command.youthRef,
      origin: 'admin-api',
      reason: command.reason,
      requestedBy: command.requestedBy,
      requestedAt,
    });
    return (await this.requests.find(uow.em, event.id))!;
  }
}
