import { deadLetterCoordinates, reasonCategory, redactReason, replayHeaders } from './dead-letter-record';

describe('dead-letter records', () => {
  it('reads the original coordinates and reason from the dlq headers', () => {
    const c = deadLetterCoordinates('samenspel.task.v1.dlq', {
      'dlq-reason': 'handler-failed: boom',
      'dlq-original-topic': 'samenspel.task.v1',
      'dlq-original-partition': '3',
      'dlq-original-offset': '42',
      'dlq-consumer': 'samenspel-notification',
      'dlq-at': '2026-11-27T10:00:00.000Z',
    });
    expect(c).toEqual({
      reason: 'handler-failed: boom',
      originalTopic: 'samenspel.task.v1',
      originalPartition: 3,
      originalOffset: '42',
      consumer: 'samenspel-notification',
      deadLetteredAt: new Date('2026-11-27T10:00:00.000Z'),
    });
  });

  it('falls back to the topic name when a producer left the headers out', () => {
    expect(deadLetterCoordinates('jeugdzorg.waitlist.v1.dlq', {})).toMatchObject({
      reason: 'unknown',
      originalTopic: 'jeugdzorg.waitlist.v1',
      originalPartition: null,
      originalOffset: null,
    });
  });

  it.each([
    ['invalid-envelope: structured event is not valid JSON', 'invalid-envelope'],
    ['handler-failed: induced failure', 'handler-failed'],
    ['handler-failed after 4 attempts: TypeError', 'handler-failed'],
    ['Something Else', 'other'],
  ])('categorises "%s" as %s', (reason, category) => {
    expect(reasonCategory(reason)).toBe(category);
  });

  it('replays with the original headers minus dlq-* plus replayed-from-*', () => {
    const headers = replayHeaders(
      { 'content-type': 'application/cloudevents+json', 'dlq-reason': 'x', 'dlq-original-topic': 't' },
      { topic: 't.dlq', partition: 1, offset: '7' },
      new Date('2026-11-27T10:00:00Z'),
    );
    expect(headers).toEqual({
      'content-type': 'application/cloudevents+json',
      'replayed-from-topic': 't.dlq',
      'replayed-from-partition': '1',
      'replayed-from-offset': '7',
      'replayed-at': '2026-11-27T10:00:00.000Z',
    });
  });
});

describe('dead-letter reasons as shown', () => {
  it('blanks quoted fragments that may echo payload', () => {
    expect(
      redactReason(
        `invalid-envelope: structured event is not valid JSON: Unexpected token 'a', "{"ageYears": 15" is not valid JSON`,
      ),
    ).toBe(
      `invalid-envelope: structured event is not valid JSON: Unexpected token '…', "…"ageYears"…" is not valid JSON`,
    );
  });
  it('keeps a plain reason', () => {
    expect(redactReason('invalid-data: data.seq must be an integer number')).toBe(
      'invalid-data: data.seq must be an integer number',
    );
  });
});
