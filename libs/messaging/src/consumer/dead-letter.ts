import { dlqTopic } from '@samenspel/contracts';
import type { IncomingMessage, OutgoingMessage } from '../broker/broker.port';
import { headerString } from '../envelope/cloud-event-codec';
import { redactFields } from './redaction';

/** Kafka headers are small; a reason longer than this is cut (it never carries event data). */
const MAX_REASON = 1000;

/** Names the redacted fields of a dead letter: a JSON array of JSON pointers into its value. */
export const DLQ_REDACTED = 'dlq-redacted';

/**
 * The dead letter of a message: its original key, value bytes and headers, plus why and where it
 * came from. The one exception to the original bytes: the fields at `outsideContract` (paths from
 * the value's root), refused because the contract has no such field, have their values replaced
 * by a marker, and DLQ_REDACTED names them; such a field may hold personal data.
 */
export function deadLetterOf(
  message: IncomingMessage,
  reason: string,
  consumer: string,
  outsideContract: readonly (readonly string[])[] = [],
): OutgoingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    const text = headerString(value);
    if (text !== undefined && !name.startsWith('dlq-')) headers[name] = text;
  }
  Object.assign(headers, {
    'dlq-reason': reason.length > MAX_REASON ? reason.slice(0, MAX_REASON) + '…' : reason,
    'dlq-original-topic': message.topic,
    'dlq-original-partition': String(message.partition),
    'dlq-original-offset': message.offset,
    'dlq-consumer': consumer,
    'dlq-at': new Date().toISOString(),
  });
  const value = message.value ?? Buffer.alloc(0);
  const redacted = redactFields(value, outsideContract);
  if (redacted) headers[DLQ_REDACTED] = JSON.stringify(redacted.pointers);
  return {
    topic: dlqTopic(message.topic),
    key: message.key ? message.key.toString('utf8') : null,
    value: redacted?.value ?? value,
    headers,
  };
}
