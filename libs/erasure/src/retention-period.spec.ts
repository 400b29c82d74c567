import { erasedMarker, isErasedMarker } from './erased-marker';
import { YOUTH_REF_PATTERN } from '@samenspel/contracts';
import { validateSync } from 'class-validator';
import {
  DEFAULT_RETENTION,
  IsRetentionPeriod,
  parseRetentionPeriod,
  retentionCutoff,
} from './retention-period';

describe('retention periods', () => {
  it.each([
    ['P2Y', { years: 2, months: 0, ms: 0 }],
    ['P18M', { years: 0, months: 18, ms: 0 }],
    ['P1Y6M', { years: 1, months: 6, ms: 0 }],
    ['P90D', { years: 0, months: 0, ms: 90 * 86400000 }],
    ['PT5S', { years: 0, months: 0, ms: 5000 }],
    ['P1W', { years: 0, months: 0, ms: 7 * 86400000 }],
  ])('reads %s', (iso, expected) => {
    expect(parseRetentionPeriod(iso)).toEqual({ iso, ...expected });
  });

  it.each(['', 'P', '2Y', 'P0D', 'PT', 'P1YT', 'P-1Y', 'two years', 'P1.5Y'])('refuses %j', (iso) => {
    expect(() => parseRetentionPeriod(iso)).toThrow();
  });

  it('defaults to two years (the Verwijsindex practice)', () => {
    expect(DEFAULT_RETENTION).toBe('P2Y');
  });
});

describe('the retention cut-off', () => {
  const at = (iso: string) => new Date(iso);

  it('is two calendar years before now by default', () => {
    expect(retentionCutoff(at('2026-11-27T20:00:00Z'), parseRetentionPeriod('P2Y'))).toEqual(
      at('2024-11-27T20:00:00Z'),
    );
  });

  it('takes 29 February back to 28 February a year earlier, not to 1 March', () => {
    expect(retentionCutoff(at('2028-02-29T12:00:00Z'), parseRetentionPeriod('P1Y'))).toEqual(
      at('2027-02-28T12:00:00Z'),
    );
  });

  it('steps months across a year boundary and clamps to the shorter month', () => {
    // 31 March minus one month: February 2026 has 28 days.
    expect(retentionCutoff(at('2026-03-31T00:00:00Z'), parseRetentionPeriod('P1M'))).toEqual(
      at('2026-02-28T00:00:00Z'),
    );
    // January 2026 minus 13 months is December 2024.
    expect(retentionCutoff(at('2026-01-15T00:00:00Z'), parseRetentionPeriod('P13M'))).toEqual(
      at('2024-12-15T00:00:00Z'),
    );
  });

  it('subtracts days and time exactly', () => {
    expect(retentionCutoff(at('2026-11-27T20:00:00Z'), parseRetentionPeriod('P1DT2H'))).toEqual(
      at('2026-11-26T18:00:00Z'),
    );
    expect(retentionCutoff(at('2026-11-27T20:00:05Z'), parseRetentionPeriod('PT5S'))).toEqual(
      at('2026-11-27T20:00:00Z'),
    );
  });
});

describe('the erased marker', () => {
  it('looks like a youthRef, so later events about a kept record still meet their contract', () => {
    const marker = erasedMarker();
    expect(marker).toMatch(YOUTH_REF_PATTERN);
    expect(isErasedMarker(marker)).toBe(true);
  });

  it('is random: two erasures never share a marker', () => {
    expect(erasedMarker()).not.toBe(erasedMarker());
  });

  it('is not mistaken for an ordinary youthRef', () => {
    expect(isErasedMarker('yr_8f3a2c9d1e')).toBe(false);
  });
});

describe('a retention variable in a service config', () => {
  class Config {
    @IsRetentionPeriod()
    RETENTION_PLACEMENT: unknown = DEFAULT_RETENTION;
  }
  const errorsFor = (value: unknown) => {
    const config = new Config();
    config.RETENTION_PLACEMENT = value;
    return validateSync(config).map((e) => Object.values(e.constraints ?? {}).join());
  };

  it('accepts the default and a short test period', () => {
    expect(errorsFor('P2Y')).toEqual([]);
    expect(errorsFor('PT1S')).toEqual([]);
  });

  it.each(['2 years', 'P0Y', '', 730])('refuses %j with the expected form in the message', (value) => {
    expect(errorsFor(value)).toEqual(['must be a positive ISO 8601 duration such as P2Y, P18M or P90D']);
  });
});
