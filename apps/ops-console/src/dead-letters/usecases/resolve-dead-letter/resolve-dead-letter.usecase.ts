import { Injectable } from '@nestjs/common';
import { DeadLetterResolved } from '@samenspel/contracts';
import { NotFoundError } from '@samenspel/http';
import type { UnitOfWork } from '@samenspel/messaging';
import { NoteCipher } from '@samenspel/persistence';
import { DeadLettersRepository } from '../../dead-letters.repository';
import type { ResolveDeadLetterCommand } from './resolve-dead-letter.command';

/**
 * Marks a dead letter handled without a replay, with a note; the stored record copy is dropped.
 * The note is free text, so it is stored encrypted (bound to the dead letter) and never shown.
 */
@Injectable()
export class ResolveDeadLetter {
  constructor(
    private readonly deadLetters: DeadLettersRepository,
    private readonly cipher: NoteCipher,
  ) {}

  async execute(command: ResolveDeadLetterCommand, uow: UnitOfWork): Promise<void> {
    const { id } = command;
    const [record] = await this.deadLetters.forUpdate(uow.em, [id]);
    if (!record) throw new NotFoundError(`dead letter ${id} not found`);
    if (record.status === 'resolved') throw new DeadLetterResolved(`dead letter ${id} is already resolved`);
    const actor = { sub: command.principal.sub, role: command.principal.role };
    await this.deadLetters.markResolved(uow.em, id, actor, this.cipher.encrypt(command.note, id));
  }
}
