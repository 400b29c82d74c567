import type { IncomingMessage } from '../broker/broker.port';
import { recordBytes } from '../consumer/event-processor';
import { decodeEvent, EnvelopeError } from './cloud-event-codec';

const record = (value: Buffer, headers: IncomingMessage['headers'] = {}): IncomingMessage => ({
  topic: 't',
  partition: 0,
  offset: '0',
  key: Buffer.from('yr_12345678'),
  value,
  headers,
  timestamp: '0',
});

const EVENT = {
  specversion: '1.0',
  id: 'e-1',
  source: 'urn:jeugdzorg:intake:test',
  type: 'nl.test.v1',
  data: {},
};
/** Two bytes that are no UTF-8 (0xC3 starts a sequence that 0x28 cannot continue). */
const NOT_UTF8 = Buffer.from([0xc3, 0x28]);

function reasonOf(message: IncomingMessage): string {
  try {
    decodeEvent(message);
  } catch (error) {
    if (error instanceof EnvelopeError) return error.reason;
    throw error;
  }
  throw new Error('expected an EnvelopeError');
}

describe('records that cannot be decoded', () => {
  it('refuses a structured event with bytes that are not UTF-8, instead of replacing them', () => {
    const [head, tail] = JSON.stringify(EVENT).split('"e-1"');
    const value = Buffer.concat([Buffer.from(`${head}"e-`), NOT_UTF8, Buffer.from(`"${tail}`)]);

    expect(reasonOf(record(value))).toBe('structured event is not valid UTF-8');
  });

  it('refuses binary-mode data and ce_ headers that are not UTF-8', () => {
    const headers = { ce_specversion: '1.0', ce_id: 'e-1', ce_source: 's', ce_type: 'nl.test.v1' };
    expect(reasonOf(record(NOT_UTF8, headers))).toBe('binary-mode data is not valid UTF-8');
    expect(reasonOf(record(Buffer.from('{}'), { ...headers, ce_id: NOT_UTF8 }))).toBe(
      'header ce_id is not valid UTF-8',
    );
  });

  it('says where JSON broke without quoting the value, which may hold personal data', () => {
    const reason = reasonOf(record(Buffer.from('{"ageYears": 15, "postcode4": "3562" bsn}')));

    expect(reason).toMatch(/^structured event is not valid JSON( \(at position \d+\))?$/);
    expect(reason).not.toContain('3562');
  });

  it('refuses an event type longer than any contract names', () => {
    expect(reasonOf(record(Buffer.from(JSON.stringify({ ...EVENT, type: 't'.repeat(300) }))))).toBe(
      'type too long',
    );
  });
});

describe('the size of a record, as the oversized check counts it', () => {
  it('counts key, value and every header name and value in bytes', () => {
    // key 11 + value 4 + "a" 1 + "xy" 2 + "é" (2 bytes) as a string 2 + "b" 1
    expect(
      recordBytes({
        key: Buffer.from('yr_12345678'),
        value: Buffer.from('1234'),
        headers: { a: Buffer.from('xy'), b: 'é' },
      }),
    ).toBe(11 + 4 + 1 + 2 + 1 + 2);
    expect(recordBytes({ key: null, value: null, headers: { c: undefined } })).toBe(1);
  });
});
