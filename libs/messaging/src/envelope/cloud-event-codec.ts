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
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Optional attributes the consumer reads; the envelope schema says each is a string when present. */
const OPTIONAL_STRINGS = [
  'subject',
  'time',
  'datacontenttype',
  'dataschema',
  'traceparent',
  'correlationid',
] as const;

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

/** Where an event's data sits in the record value: under `data` in structured mode, the whole value in binary mode. */
export function dataPathIn(message: Pick<IncomingMessage, 'headers'>): string[] {
  return isBinaryMode(message) ? [] : ['data'];
}

function isBinaryMode(message: Pick<IncomingMessage, 'headers'>): boolean {
  return headerString(message.headers['ce_specversion']) !== undefined;
}

export function decodeEvent(message: IncomingMessage): CloudEvent {
  if (!message.value || message.value.length === 0) throw new EnvelopeError('empty value (tombstone)');
  const contentType = headerString(message.headers['content-type']) ?? '';
  const event = isBinaryMode(message) ? decodeBinary(message, contentType) : decodeStructured(message);
  for (const attr of REQUIRED) {
    if (typeof event[attr] !== 'string' || event[attr].length === 0) {
      throw new EnvelopeError(`missing CloudEvents attribute "${attr}"`);
    }
  }
  if (event.specversion !== '1.0') throw new EnvelopeError('unsupported specversion (1.0 only)');
  for (const attr of OPTIONAL_STRINGS) {
    // A number or an object here would reach the trace context and the logs as if it were a string.
    const value: unknown = event[attr];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new EnvelopeError(`CloudEvents attribute "${attr}" is not a string`);
    }
  }
  if (event.id.length > 256 || event.source.length > 512) throw new EnvelopeError('id or source too long');
  if (event.type.length > 256) throw new EnvelopeError('type too long');
  // Trace headers on the record win when the event itself carries none.
  event.traceparent ??= headerString(message.headers.traceparent);
  event.correlationid ??= headerString(message.headers['correlation-id']);
  return event;
}

/** Bytes as UTF-8 text; invalid sequences are refused rather than silently replaced by U+FFFD. */
function utf8(bytes: Buffer, what: string): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new EnvelopeError(`${what} is not valid UTF-8`);
  }
}

function parseJson(bytes: Buffer, what: string): unknown {
  const text = utf8(bytes, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    // The parser's message quotes the value, which may hold personal data: keep only where it broke.
    const at = /at position \d+/.exec((error as Error).message)?.[0];
    throw new EnvelopeError(`${what} is not valid JSON${at ? ` (${at})` : ''}`);
  }
}

function decodeStructured(message: IncomingMessage): CloudEvent {
  const parsed = parseJson(message.value!, 'structured event');
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new EnvelopeError('structured event is not a JSON object');
  }
  const event = parsed as CloudEvent;
  if (event.datacontenttype && !/json/i.test(event.datacontenttype)) {
    throw new EnvelopeError('unsupported datacontenttype (JSON only)');
  }
  if (!('data' in event)) throw new EnvelopeError('structured event has no "data"');
  return event;
}

function decodeBinary(message: IncomingMessage, contentType: string): CloudEvent {
  if (contentType && !/json/i.test(contentType)) {
    throw new EnvelopeError('unsupported content-type for binary mode (JSON only)');
  }
  const attrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (name.startsWith('ce_')) attrs[name.slice(3)] = strictHeader(value, name);
  }
  const data = parseJson(message.value!, 'binary-mode data');
  return { ...attrs, datacontenttype: contentType || 'application/json', data } as CloudEvent;
}

function strictHeader(value: Buffer | string | undefined, name: string): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : utf8(value, `header ${name}`);
}
