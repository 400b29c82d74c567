import { Injectable } from '@nestjs/common';
import { DeadLetterRedacted, DeadLetterResolved } from '@samenspel/contracts';
import { NotFoundError } from '@samenspel/http';
import { DLQ_REDACTED, type UnitOfWork } from '@samenspel/messaging';
import { replayHeaders } from '../../../domain/dead-letter-record';
import { OpsKafka } from '../../../shared/ops-kafka';
import { DeadLettersRepository } from '../../dead-letters.repository';
import type { ReplayDeadLettersCommand } from './replay-dead-letters.command';

export interface ReplayResult {
  replayed: { id: string; topic: string }[];
}

/**
 * Sends dead letters back to their original topic: the original key, value and headers (minus
 * dlq-*) plus replayed-from-* headers. A redacted dead letter (dlq-redacted) is not the record
 * sent, so none is replayed then. The audit rows and the status change commit only after the
 * broker acknowledged the records; if the commit fails after that, the records were replayed
 * without an audit row (rare; the ledger still shows the replayed records with their headers).
 */
@Injectable()
export class ReplayDeadLetters {
  constructor(
    private readonly deadLetters: DeadLettersRepository,
    private readonly kafka: OpsKafka,
  ) {}

  async execute(command: ReplayDeadLettersCommand, uow: UnitOfWork): Promise<ReplayResult> {
    const ids = [...new Set(command.ids)];
    const records = await this.deadLetters.forUpdate(uow.em, ids);
    const missing = ids.filter((id) => !records.some((r) => r.id === id));
    if (missing.length) throw new NotFoundError(`dead letter ${missing[0]} not found`);
    const gone = records.find((r) => r.status === 'resolved' || r.value === null);
    if (gone)
      throw new DeadLetterResolved(
        `dead letter ${gone.id} is ${gone.status === 'resolved' ? 'resolved' : 'past its retention'} and can no longer be replayed`,
      );
    const redacted = records.find((r) => r.headers[DLQ_REDACTED] !== undefined);
    if (redacted)
      throw new DeadLetterRedacted(
        `dead letter ${redacted.id} had fields outside the contract redacted and cannot be replayed; the sender must send the event again`,
      );
    const now = new Date();
    const producer = await this.kafka.producerClient();
    await producer.send(
      records.map((r) => ({
        topic: r.originalTopic,
        key: r.key,
        value: r.value!,
        headers: replayHeaders(r.headers, { topic: r.topic, partition: r.partition, offset: r.offset }, now),
      })),
    );
    const actor = { sub: command.principal.sub, role: command.principal.role };
    for (const r of records) await this.deadLetters.markReplayed(uow.em, r.id, actor, r.originalTopic);
    return { replayed: records.map((r) => ({ id: r.id, topic: r.originalTopic })) };
  }
}
