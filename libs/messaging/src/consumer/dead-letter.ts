import { dlqTopic } from '@samenspel/contracts';
import type { IncomingMessage, OutgoingMessage } from '../broker/broker.port';
import { headerString } from '../envelope/cloud-event-codec';

/** Kafka headers are small; a reason longer than this is cut (it never carries event data). */
const MAX_REASON = 1000;

/** The dead letter of a message: its original key, value bytes and headers, plus why and where it came from. */
export function deadLetterOf(message: IncomingMessage, reason: string, consumer: string): OutgoingMessage {
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
  return {
    topic: dlqTopic(message.topic),
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value ?? Buffer.alloc(0),
    headers,
  };
}
