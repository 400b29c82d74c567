import type { IncomingMessage } from '../broker/broker.port';
import { decodeEvent, encodeStructured, EnvelopeError } from './cloud-event-codec';

const message = (value: string | null, headers: Record<string, string> = {}): IncomingMessage => ({
  topic: 't',
  partition: 0,
  offset: '0',
  key: Buffer.from('yr_12345678'),
  value: value === null ? null : Buffer.from(value),
  headers,
  timestamp: '0',
});

const structured = {
  specversion: '1.0',
  id: 'e-1',
  source: 'urn:jeugdzorg:intake:test',
  type: 'nl.test.v1',
  data: { a: 1 },
};

describe('CloudEvents over Kafka (the Kafka protocol binding)', () => {
  it('round-trips a structured-mode event with its trace headers', () => {
    const event = {
      ...structured,
      specversion: '1.0' as const,
      traceparent: '00-' + 'a'.repeat(32) + '-' + 'b'.repeat(16) + '-01',
      correlationid: 'c-1',
    };
    const { value, headers } = encodeStructured(event);
    expect(headers).toEqual({
      'content-type': 'application/cloudevents+json',
      traceparent: event.traceparent,
      'correlation-id': 'c-1',
    });
    expect(decodeEvent(message(value, headers))).toEqual(event);
  });

  it('reads a binary-mode event from ce_ headers, the value being the data', () => {
    const decoded = decodeEvent(
      message('{"a":1}', {
        ce_specversion: '1.0',
        ce_id: 'e-2',
        ce_source: 'urn:x',
        ce_type: 'nl.test.v1',
        ce_traceparent: '00-' + 'c'.repeat(32) + '-' + 'd'.repeat(16) + '-00',
        'content-type': 'application/json',
      }),
    );
    expect(decoded).toMatchObject({ id: 'e-2', source: 'urn:x', type: 'nl.test.v1', data: { a: 1 } });
    expect(decoded.traceparent).toBe('00-' + 'c'.repeat(32) + '-' + 'd'.repeat(16) + '-00');
  });

  it('takes trace headers from the record when the event carries none', () => {
    const decoded = decodeEvent(
      message(JSON.stringify(structured), { traceparent: 'tp', 'correlation-id': 'corr' }),
    );
    expect(decoded).toMatchObject({ traceparent: 'tp', correlationid: 'corr' });
  });

  it.each([
    ['an empty value (tombstone)', message(null), 'empty value (tombstone)'],
    ['bad JSON', message('{"id":'), /^structured event is not valid JSON/],
    ['a JSON array', message('[1]'), 'structured event is not a JSON object'],
    [
      'a missing id',
      message(JSON.stringify({ ...structured, id: undefined })),
      'missing CloudEvents attribute "id"',
    ],
    [
      'an empty source',
      message(JSON.stringify({ ...structured, source: '' })),
      'missing CloudEvents attribute "source"',
    ],
    [
      'another specversion',
      message(JSON.stringify({ ...structured, specversion: '0.3' })),
      'unsupported specversion (1.0 only)',
    ],
    [
      'no data',
      message(JSON.stringify({ ...structured, data: undefined })),
      'structured event has no "data"',
    ],
    [
      'XML data',
      message(JSON.stringify({ ...structured, datacontenttype: 'application/xml' })),
      'unsupported datacontenttype (JSON only)',
    ],
    [
      'a traceparent that is not a string',
      message(JSON.stringify({ ...structured, traceparent: 5 })),
      'CloudEvents attribute "traceparent" is not a string',
    ],
    [
      'a subject that is an object',
      message(JSON.stringify({ ...structured, subject: { a: 1 } })),
      'CloudEvents attribute "subject" is not a string',
    ],
    [
      'binary mode with non-JSON content',
      message('x', { ce_specversion: '1.0', 'content-type': 'text/plain' }),
      'unsupported content-type for binary mode (JSON only)',
    ],
    [
      'binary mode with bad JSON data',
      message('{', { ce_specversion: '1.0', ce_id: 'i', ce_source: 's', ce_type: 't' }),
      /^binary-mode data is not valid JSON/,
    ],
  ])('refuses %s with a reason', (_case, msg, reason) => {
    expect(() => decodeEvent(msg)).toThrow(EnvelopeError);
    expect(() => decodeEvent(msg)).toThrow(reason);
  });
});
