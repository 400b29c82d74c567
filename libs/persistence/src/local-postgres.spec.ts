import { join } from 'node:path';
import {
  choosePostgres,
  DEFAULT_EMBEDDED_PORT,
  DEFAULT_PROBE_PORT,
  localPostgresSettings,
  maskedUrl,
  type PostgresChoice,
} from './local-postgres';

describe('which PostgreSQL npm start and the tests use', () => {
  it.each<[string, { configured: boolean; localAnswers: boolean; embeddedAnswers: boolean }, PostgresChoice]>(
    [
      [
        'DATABASE_URL wins over everything',
        { configured: true, localAnswers: true, embeddedAnswers: true },
        'configured',
      ],
      [
        'DATABASE_URL even when nothing answers',
        { configured: true, localAnswers: false, embeddedAnswers: false },
        'configured',
      ],
      [
        'a server answering on the probed port',
        { configured: false, localAnswers: true, embeddedAnswers: true },
        'local',
      ],
      [
        'the embedded server an earlier start left running',
        { configured: false, localAnswers: false, embeddedAnswers: true },
        'embedded-running',
      ],
      [
        'the embedded server started when nothing answers',
        { configured: false, localAnswers: false, embeddedAnswers: false },
        'embedded-start',
      ],
    ],
  )('%s', (_, facts, expected) => {
    expect(choosePostgres(facts)).toBe(expected);
  });

  it('keeps the embedded data under the cache folder and probes 5432 by default', () => {
    expect(localPostgresSettings({}, '/repo/.cache')).toEqual({
      databaseUrl: undefined,
      probePort: DEFAULT_PROBE_PORT,
      embeddedPort: DEFAULT_EMBEDDED_PORT,
      embeddedDir: join('/repo/.cache', 'postgres', '18'),
    });
  });

  it('takes the ports, the data folder and an empty DATABASE_URL from the environment', () => {
    expect(
      localPostgresSettings(
        {
          DATABASE_URL: '',
          POSTGRES_PROBE_PORT: '6543',
          EMBEDDED_POSTGRES_PORT: '6544',
          EMBEDDED_POSTGRES_DIR: '/data/pg',
        },
        '/repo/.cache',
      ),
    ).toEqual({ databaseUrl: undefined, probePort: 6543, embeddedPort: 6544, embeddedDir: '/data/pg' });
  });

  it.each(['0', '65536', 'abc', '54 32', '-1'])('refuses the port %p with the variable named', (port) => {
    expect(() => localPostgresSettings({ EMBEDDED_POSTGRES_PORT: port }, '/c')).toThrow(
      'EMBEDDED_POSTGRES_PORT must be a TCP port number',
    );
  });

  it.each([
    ['postgres://postgres:s3cret@127.0.0.1:54329', 'postgres://postgres:***@127.0.0.1:54329'],
    ['postgres://postgres@127.0.0.1:5432', 'postgres://postgres@127.0.0.1:5432'],
    ['not a url', '(an unparsable URL)'],
  ])('masks the password of %p in the start-up line', (url, shown) => {
    expect(maskedUrl(url)).toBe(shown);
  });
});
