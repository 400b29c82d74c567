import { Inject, Injectable } from '@nestjs/common';
import { ERASURE_SOURCE, YouthErasure } from '@samenspel/erasure';
import type { UnitOfWork } from '@samenspel/messaging';
import { lockOrYield } from '@samenspel/persistence';
import { ErasuresRepository } from '../../erasures.repository';
import { erasureLock } from '../../erasure-lock';
import type { RecordErasureRequestCommand } from './record-erasure-request.command';

/**
 * An erasure request read from the privacy topic: recorded once, with the confirmations that
 * waited for it; the console erases its own data and confirms, like every service.
 */
@Injectable()
export class RecordErasureRequest {
  constructor(
    private readonly erasure: YouthErasure,
    private readonly requests: ErasuresRepository,
    @Inject(ERASURE_SOURCE) private readonly source: string,
  ) {}

  async execute(command: RecordErasureRequestCommand, uow: UnitOfWork): Promise<void> {
    const { em } = uow;
    const { requestId, youthRef } = command;
    await lockOrYield(em, erasureLock(youthRef));
    await this.requests.insertRequest(em, {
      id: requestId,
      youthRef,
      origin: command.source === this.source ? 'admin-api' : 'event',
      requestedAt: command.requestedAt,
    });
    await this.requests.adoptWaitingConfirmations(em, requestId, youthRef);
    await this.erasure.erase(em, { requestId, source: command.source, youthRef }, (confirmation) =>
      uow.publish(confirmation),
    );
    // The confirmations it adopted may already be every service's (late repeats of an earlier request).
    await this.requests.completeIfConfirmed(em, requestId);
  }
}
