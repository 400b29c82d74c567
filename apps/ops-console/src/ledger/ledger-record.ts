import type { CloudEvent } from '@samenspel/contracts';
import { decodeEvent, EnvelopeError, type IncomingMessage } from '@samenspel/messaging';
import { youthRefOf } from '../domain/event-refs';

/** An event's data as the projections read it: any JSON object, not validated against its contract. */
export type RawData = Record<string, unknown>;

/** One record as the ledger reads it. */
export interface LedgerRecord {
  message: IncomingMessage;
  event: CloudEvent | undefined;
  key: string | null;
  youthRef: string | null;
  deadLetter: boolean;
  at: Date;
  /** The data the projections read: a decoded event about a youngster, not a dead letter. */
  projected: RawData | null;
  /** The municipality the record gives its youngster in youth_municipality, if any. */
  municipality: string | null;
}

/** Reads a raw record; an undecodable one is read too (without its event), never thrown. */
export function readRecord(m: IncomingMessage): LedgerRecord {
  let event: CloudEvent | undefined;
  try {
    event = decodeEvent(m);
  } catch (error) {
    if (!(error instanceof EnvelopeError)) throw error;
  }
  const key = m.key ? m.key.toString('utf8') : null;
  const data = event?.data;
  const youthRef = youthRefOf(data, key);
  const deadLetter = m.topic.endsWith('.dlq');
  const at = validDate(event?.time) ?? validDate(Number(m.timestamp)) ?? new Date();
  const projected =
    !deadLetter && event && youthRef && data && typeof data === 'object' ? (data as RawData) : null;
  const municipality = text(projected?.municipalityCode);
  return {
    message: m,
    event,
    key,
    youthRef,
    deadLetter,
    at,
    projected,
    municipality: municipality && /^GM[0-9]{4}$/.test(municipality) ? municipality : null,
  };
}

/** A field the projections use as a record id or code: a string of 1 to 64 characters, else null. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : null;
}

/** A string field as a ledger column holds it: at most 512 characters. */
export function clip(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(0, 512) : null;
}

export function validDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
