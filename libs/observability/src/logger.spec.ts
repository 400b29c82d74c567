import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: createLogger('test-service', 'info', sink), lines };
}

describe('the logger keeps secrets out of log lines', () => {
  it('blanks passwords, tokens, keys and database URLs, at the top and one level down', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'kafka-pa55',
        AUTH_CLIENT_SECRET: 'client-s3cret-value',
        config: {
          KAFKA_SASL_PASSWORD: 'scram-pa55',
          NOTE_ENCRYPTION_KEY: 'bm90ZS1rZXk=',
          DATABASE_URL: 'postgres://app:db-pa55@db:5432',
          sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 'nested-pa55' },
        },
        req: { headers: { authorization: 'Bearer eyJhbGciOi.x.y' } },
      },
      'starting',
    );

    const line = JSON.stringify(lines[0]);
    for (const secret of [
      'kafka-pa55',
      'client-s3cret',
      'scram-pa55',
      'bm90ZS1rZXk',
      'db-pa55',
      'nested-pa55',
      'eyJ',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ service: 'test-service', msg: 'starting', password: '[redacted]' });
  });

  it('keeps the refs and coordinates it is meant to log', () => {
    const { logger, lines } = capture();
    logger.warn({ topic: 'jeugdzorg.waitlist.v1', partition: 2, offset: '17' }, 'event dead-lettered');

    expect(lines[0]).toMatchObject({ topic: 'jeugdzorg.waitlist.v1', partition: 2, offset: '17' });
  });
});
