import { Inject, Injectable } from '@nestjs/common';
import {
  ERASURE_SOURCE,
  forgetSentConfirmation,
  YOUTH_DATA_ERASER,
  type YouthDataEraser,
} from '@samenspel/erasure';
import type { UnitOfWork } from '@samenspel/messaging';
import { lockOrYield } from '@samenspel/persistence';
import { ErasuresRepository } from '../../erasures.repository';
import { erasureLock } from '../../erasure-lock';
import type { CountErasureConfirmationCommand } from './count-erasure-confirmation.command';

/**
 * A service's confirmation of an erasure, counted for the youngster's open requests (or waiting,
 * if the request was not seen yet). The console erases again what was recorded about the
 * youngster since, and a request that every service confirmed is complete and forgets its youthRef.
 */
@Injectable()
export class CountErasureConfirmation {
  constructor(
    @Inject(YOUTH_DATA_ERASER) private readonly eraser: YouthDataEraser,
    private readonly requests: ErasuresRepository,
    @Inject(ERASURE_SOURCE) private readonly source: string,
  ) {}

  async execute(command: CountErasureConfirmationCommand, uow: UnitOfWork): Promise<void> {
    const { em } = uow;
    const { youthRef } = command;
    await lockOrYield(em, erasureLock(youthRef));
    if (command.source === this.source) await forgetSentConfirmation(em, command.eventId, youthRef);
    const open = await this.requests.confirm(em, youthRef, command.service, command.erasedAt);
    if (open.length === 0) return;
    // Records of other topics about the youngster may have been read after our own erasure.
    await this.eraser.erase(em, youthRef);
    for (const id of open) await this.requests.completeIfConfirmed(em, id);
  }
}
