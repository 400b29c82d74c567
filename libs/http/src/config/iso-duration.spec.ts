import { validateSync } from 'class-validator';
import { IsIsoDuration, isIsoDuration, parseIsoDuration } from './iso-duration';

const S = 1000;
const H = 3600 * S;
const D = 24 * H;

describe('ISO 8601 durations for time-to-live settings (holds, offers)', () => {
  it.each([
    ['P7D', 7 * D],
    ['P1W', 7 * D],
    ['PT36H', 36 * H],
    ['P1DT12H', 36 * H],
    ['PT90M', 90 * 60 * S],
    ['PT3S', 3 * S],
    ['PT0.5S', 500],
    ['PT1.5S', 1500],
    ['P1W2DT3H4M5S', 9 * D + 3 * H + 4 * 60 * S + 5 * S],
  ])('reads %s', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
    expect(isIsoDuration(text)).toBe(true);
  });

  it.each(['', 'P', 'PT', 'P1DT', '7D', 'P1M', 'P1Y', 'P-1D', 'PT1.5H', 'p7d', 'P7D ', 'soon'])(
    'rejects %p',
    (text) => {
      expect(() => parseIsoDuration(text)).toThrow(/not an ISO 8601 duration/);
      expect(isIsoDuration(text)).toBe(false);
    },
  );

  it('rejects a zero duration', () => {
    expect(() => parseIsoDuration('PT0S')).toThrow(/not a positive duration/);
  });
});

describe('a time-to-live variable in a service config', () => {
  class Config {
    @IsIsoDuration()
    PLACEMENT_HOLD_TTL: unknown = 'P7D';
  }
  const errorsFor = (value: unknown) => {
    const config = new Config();
    config.PLACEMENT_HOLD_TTL = value;
    return validateSync(config).map((e) => Object.values(e.constraints ?? {}).join());
  };

  it('accepts the default and a short test duration', () => {
    expect(errorsFor('P7D')).toEqual([]);
    expect(errorsFor('PT3S')).toEqual([]);
  });

  it.each(['P1M', 'P1Y', 'PT0S', '7 days', '', 604800])(
    'refuses %j with the expected form in the message',
    (value) => {
      expect(errorsFor(value)).toEqual([
        'must be a positive ISO 8601 duration of weeks, days and time, such as P7D or PT12H',
      ]);
    },
  );
});
