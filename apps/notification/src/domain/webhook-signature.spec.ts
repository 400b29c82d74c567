import { createHmac } from 'node:crypto';
import { retryDelayMs, signPayload, verifySignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test_secret';
  const body = '{"type":"task.created","taskId":"t1"}';

  it('signs "<t>.<body>" with HMAC-SHA256 in the t=…,v1=… header format', () => {
    const expected = createHmac('sha256', secret).update(`1764230400.${body}`).digest('hex');
    expect(signPayload(secret, body, 1764230400)).toBe(`t=1764230400,v1=${expected}`);
  });

  it.each([
    ['a fresh signature', (h: string) => h, 1764230400 + 10, true],
    ['a replay after the tolerance', (h: string) => h, 1764230400 + 301, false],
    ['a signature from the future beyond the tolerance', (h: string) => h, 1764230400 - 301, false],
    ['a tampered timestamp', (h: string) => h.replace('t=1764230400', 't=1764230401'), 1764230400, false],
    ['a missing v1', (h: string) => h.split(',')[0], 1764230400, false],
    ['garbage', () => 'nonsense', 1764230400, false],
  ])('verifies %s: %s', (_name, mutate, now, valid) => {
    const header = mutate(signPayload(secret, body, 1764230400));
    expect(verifySignature(secret, body, header, now)).toBe(valid);
  });

  it('rejects a body changed after signing', () => {
    const header = signPayload(secret, body, 1764230400);
    expect(verifySignature(secret, body.replace('t1', 't2'), header, 1764230400)).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    const header = signPayload('another-secret', body, 1764230400);
    expect(verifySignature(secret, body, header, 1764230400)).toBe(false);
  });

  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [6, 32000],
    [10, 60000], // 512 s, capped at a minute
  ])('waits %i → %i ms before a retry (exponential backoff, base 1 s, cap 60 s)', (attempt, expected) => {
    expect(retryDelayMs(attempt, 1000, 60000)).toBe(expected);
  });
});
