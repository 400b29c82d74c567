import { deadLetterOf, DLQ_REDACTED } from './dead-letter';

describe('a dead letter', () => {
  const original = {
    topic: 'jeugdzorg.waitlist.v1',
    partition: 4,
    offset: '1234',
    key: Buffer.from('yr_abcdef12'),
    value: Buffer.from([0xde, 0xad, 0xbe, 0xef]),
    headers: {
      'content-type': 'application/cloudevents+json',
      traceparent: Buffer.from('tp'),
      'dlq-reason': 'stale',
    },
    timestamp: '0',
  };

  it('keeps the original key, value bytes and headers, and adds why and where from', () => {
    const letter = deadLetterOf(original, 'invalid-data: seq: must be an integer', 'samenspel-test');
    expect(letter.topic).toBe('jeugdzorg.waitlist.v1.dlq');
    expect(letter.key).toBe('yr_abcdef12');
    expect(letter.value).toEqual(original.value);
    expect(letter.headers).toMatchObject({
      'content-type': 'application/cloudevents+json',
      traceparent: 'tp',
      'dlq-reason': 'invalid-data: seq: must be an integer',
      'dlq-original-topic': 'jeugdzorg.waitlist.v1',
      'dlq-original-partition': '4',
      'dlq-original-offset': '1234',
      'dlq-consumer': 'samenspel-test',
    });
    expect(Date.parse(letter.headers['dlq-at'])).not.toBeNaN();
  });

  it('cuts a very long reason to 1,000 characters', () => {
    const letter = deadLetterOf(original, 'x'.repeat(5000), 'c');
    expect(letter.headers['dlq-reason']).toHaveLength(1001);
    expect(letter.headers['dlq-reason'].endsWith('…')).toBe(true);
  });

  it('keeps a tombstone (no value) as an empty value rather than dropping it', () => {
    expect(deadLetterOf({ ...original, value: null, key: null }, 'empty', 'c')).toMatchObject({
      key: null,
      value: Buffer.alloc(0),
    });
  });

  describe('of a record refused for fields outside its contract', () => {
    const event = {
      specversion: '1.0',
      id: 'e-1',
      source: 'urn:jeugdzorg:intake:test',
      type: 'nl.jeugdzorg.waitlist.entered.v1',
      data: { youthRef: 'yr_abcdef12', name: 'Jan de Vries', birthDate: '2011-02-03', bsn: '111222333' },
    };
    const outside = [
      ['data', 'name'],
      ['data', 'birthDate'],
      ['data', 'bsn'],
    ];
    const reason = 'invalid-data: name: property name should not exist';

    it('replaces their values by a marker and names them, by JSON pointer, in dlq-redacted', () => {
      const letter = deadLetterOf(
        { ...original, value: Buffer.from(JSON.stringify(event)) },
        reason,
        'c',
        outside,
      );
      const text = letter.value!.toString('utf8');
      expect(JSON.parse(text)).toEqual({
        ...event,
        data: { youthRef: 'yr_abcdef12', name: '[redacted]', birthDate: '[redacted]', bsn: '[redacted]' },
      });
      for (const value of ['Jan de Vries', '2011-02-03', '111222333']) {
        expect(text).not.toContain(value);
        expect(JSON.stringify(letter.headers)).not.toContain(value);
      }
      expect(letter.headers[DLQ_REDACTED]).toBe('["/data/name","/data/birthDate","/data/bsn"]');
      expect(letter).toMatchObject({
        key: 'yr_abcdef12',
        headers: { 'dlq-reason': reason, traceparent: 'tp' },
      });
    });

    it('keeps a value that is no JSON byte for byte, without dlq-redacted', () => {
      const letter = deadLetterOf(original, reason, 'c', outside);
      expect(letter.value).toEqual(original.value);
      expect(letter.headers).not.toHaveProperty(DLQ_REDACTED);
    });

    it('drops a dlq-redacted header the record came with, so that only its own redaction is named', () => {
      const letter = deadLetterOf({ ...original, headers: { [DLQ_REDACTED]: '["/x"]' } }, 'stale', 'c');
      expect(letter.headers).not.toHaveProperty(DLQ_REDACTED);
    });
  });
});
