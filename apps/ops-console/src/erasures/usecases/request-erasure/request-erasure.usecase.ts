import { Inject, Injectable } from '@nestjs/common';
import { PRIVACY_EVENT_TYPES, type ErasureRequestedData } from '@samenspel/contracts';
import { Outbox } from '@samenspel/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErasureRepository, type ErasureRequestRecord } from '../../erasure.repository';

export interface RequestErasureCommand {
  youthRef: string;
  reason?: string;
  /** The admin's token subject. */
  requestedBy: string;
}

/**
 * The admin API's erasure request: the same event youth care sends, on jeugdzorg.privacy.v1 with
 * the console as its source, through the outbox; the request is recorded in the same transaction
 * under the event's id, so the confirmations are counted for it.
 */
@Injectable()
export class RequestErasure {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(ErasureRepository) private readonly requests: ErasureRepository,
  ) {}

  execute(command: RequestErasureCommand): Promise<ErasureRequestRecord> {
    return this.dataSource.transaction(async (em) => {
      const requestedAt = new Date();
      const [event] = await this.outbox.append(em, [
        {
          type: PRIVACY_EVENT_TYPES.erasureRequested,
          key: command.youthRef,
          aggregateType: 'erasure',
          aggregateId: randomUUID(),
          data: {
            youthRef: command.youthRef,
            requestedAt: requestedAt.toISOString(),
          } satisfies ErasureRequestedData,
        },
      ]);
      await this.requests.insertRequest(em, {
        id: event.id,
        youthRef: command.youthRef,
        origin: 'admin-api',
        reason: command.reason,
        requestedBy: command.requestedBy,
        requestedAt,
      });
      return (await this.requests.find(em, event.id))!;
    });
  }
}
