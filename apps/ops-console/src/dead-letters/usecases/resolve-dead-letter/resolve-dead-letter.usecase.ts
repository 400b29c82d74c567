import { Inject, Injectable } from '@nestjs/common';
import { DeadLetterResolved } from '@samenspel/contracts';
import { NotFoundError, type Principal } from '@samenspel/http';
import { NoteCipher } from '@samenspel/persistence';
import { DataSource } from 'typeorm';
import { DeadLetterRepository } from '../../dead-letter.repository';
import { actorOf } from '../replay-dead-letters/replay-dead-letters.usecase';
import type { ResolveDeadLetterCommand } from './resolve-dead-letter.command';

/**
 * Marks a dead letter handled without a replay, with a note; the stored record copy is dropped.
 * The note is free text, so it is stored encrypted (bound to the dead letter) and never shown.
 */
@Injectable()
export class ResolveDeadLetter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterRepository,
    @Inject(NoteCipher) private readonly cipher: NoteCipher,
  ) {}

  async execute(id: string, command: ResolveDeadLetterCommand, actor: Principal): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const [record] = await this.deadLetters.forUpdate(em, [id]);
      if (!record) throw new NotFoundError(`dead letter ${id} not found`);
      if (record.status === 'resolved') throw new DeadLetterResolved(`dead letter ${id} is already resolved`);
      await this.deadLetters.markResolved(em, id, actorOf(actor), this.cipher.encrypt(command.note, id));
    });
  }
}
