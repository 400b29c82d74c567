import { CLOUDEVENTS_JSON, type CloudEvent } from '@samenspel/contracts';
import type { IncomingMessage } from '../broker/broker.port';

/**
 * CloudEvents 1.0 Kafka protocol binding. We produce structured mode; we accept structured mode
 * (content-type application/cloudevents+json, or a JSON value carrying `specversion`) and binary
 * mode (`ce_` headers, the value is the data).
 */
export class EnvelopeError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const REQUIRED = ['id', 'source', 'type', 'specversion'] as const;

export function encodeStructured(event: CloudEvent): { value: string; headers: Record<string, string> } {
  const headers: Record<string, string> = { 'content-type': CLOUDEVENTS_JSON };
  if (event.traceparent) headers.traceparent = event.traceparent;
  if (event.correlationid) headers['correlation-id'] = event.correlationid;
  return { value: JSON.stringify(event), headers };
}

export function headerString(value: Buffer | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toString('utf8');
}

export function decodeEvent(message: IncomingMessage): CloudEvent {
  if (!message.value || message.value.length === 0) throw new EnvelopeError('empty value (tombstone)');
  const contentType = headerString(message.headers['content-type']) ?? '';
  const binary = headerString(message.headers['ce_specversion']) !== undefined;
  const event = binary ? decodeBinary(message, contentType) : decodeStructured(message);
  for (const attr of REQUIRED) {
    if (typeof event[attr] !== 'string' || event[attr].length === 0) {
      throw new EnvelopeError(`missing CloudEvents attribute "${attr}"`);
    }
  }
  if (event.specversion !== '1.0') throw new EnvelopeError(`unsupported specversion "${event.specversion}"`);
  if (event.id.length > 256 || event.source.length > 512) throw new EnvelopeError('id or source too long');
  // Trace headers on the record win when the event itself carries none.
  event.traceparent ??= headerString(message.headers.traceparent);
  event.correlationid ??= headerString(message.headers['correlation-id']);
  return event;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EnvelopeError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

function decodeStructured(message: IncomingMessage): CloudEvent {
  const parsed = parseJson(message.value!.toString('utf8'), 'structured event');
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new EnvelopeError('structured event is not a JSON object');
  }
  const event = parsed as CloudEvent;
  if (event.datacontenttype && !/json/i.test(event.datacontenttype)) {
    throw new EnvelopeError(`unsupported datacontenttype "${event.datacontenttype}"`);
  }
  if (!('data' in event)) throw new EnvelopeError('structured event has no "data"');
  return event;
}

function decodeBinary(message: IncomingMessage, contentType: string): CloudEvent {
  if (contentType && !/json/i.test(contentType)) {
    throw new EnvelopeError(`unsupported content-type "${contentType}" for binary mode`);
  }
  const attrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (name.startsWith('ce_')) attrs[name.slice(3)] = headerString(value) ?? '';
  }
  const data = parseJson(message.value!.toString('utf8'), 'binary-mode data');
  return { ...attrs, datacontenttype: contentType || 'application/json', data } as CloudEvent;
}
