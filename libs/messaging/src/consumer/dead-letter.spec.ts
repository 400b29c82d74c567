import { deadLetterOf } from './dead-letter';

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
});
