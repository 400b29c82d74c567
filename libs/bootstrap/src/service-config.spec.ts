import { loadConfig } from '@samenspel/http';
import { FileClock, systemClock } from '@samenspel/clock';
import { serviceClock } from './service-clock';
import { ServiceConfig } from './service-config';

describe('the shared service configuration', () => {
  it.each([
    ['false', false],
    ['true', true],
  ])('reads KAFKA_FROM_BEGINNING=%s as %p', (raw, expected) => {
    expect(loadConfig(ServiceConfig, { KAFKA_FROM_BEGINNING: raw }).KAFKA_FROM_BEGINNING).toBe(expected);
  });

  it('starts new consumer groups at the oldest event by default', () => {
    expect(loadConfig(ServiceConfig, {}).KAFKA_FROM_BEGINNING).toBe(true);
  });

  it.each([
    ['false', false],
    ['true', true],
  ])('reads DATABASE_PREPARED_STATEMENTS=%s as %p', (raw, expected) => {
    expect(
      loadConfig(ServiceConfig, { DATABASE_PREPARED_STATEMENTS: raw }).DATABASE_PREPARED_STATEMENTS,
    ).toBe(expected);
  });

  it('prepares statements by default', () => {
    expect(loadConfig(ServiceConfig, {}).DATABASE_PREPARED_STATEMENTS).toBe(true);
  });

  it('lists every invalid variable in one error', () => {
    expect(() =>
      loadConfig(ServiceConfig, { OUTBOX_BATCH_SIZE: '0', DATABASE_NAME: 'Bad-Name', HOST: 'not a host' }),
    ).toThrow(/OUTBOX_BATCH_SIZE[\s\S]*HOST|HOST[\s\S]*OUTBOX_BATCH_SIZE/);
  });

  it('runs the retention sweeper every five minutes by default', () => {
    expect(loadConfig(ServiceConfig, {}).RETENTION_SWEEP_INTERVAL_MS).toBe(300000);
  });

  it.each([
    ['50', 50],
    ['86400000', 86400000],
  ])('reads RETENTION_SWEEP_INTERVAL_MS=%s', (raw, expected) => {
    expect(loadConfig(ServiceConfig, { RETENTION_SWEEP_INTERVAL_MS: raw }).RETENTION_SWEEP_INTERVAL_MS).toBe(
      expected,
    );
  });

  it.each(['49', '86400001', '1.5', 'soon'])('refuses RETENTION_SWEEP_INTERVAL_MS=%s', (raw) => {
    expect(() => loadConfig(ServiceConfig, { RETENTION_SWEEP_INTERVAL_MS: raw })).toThrow(
      /RETENTION_SWEEP_INTERVAL_MS/,
    );
  });

  it('tells the time by the system clock unless a test sets CLOCK_FILE', () => {
    expect(serviceClock(loadConfig(ServiceConfig, {}))).toBe(systemClock);
    expect(serviceClock(loadConfig(ServiceConfig, { CLOCK_FILE: '/tmp/clock' }))).toBeInstanceOf(FileClock);
  });

  it('refuses a clock set by a test in production', () => {
    expect(() => loadConfig(ServiceConfig, { NODE_ENV: 'production', CLOCK_FILE: '/tmp/clock' })).toThrow(
      /CLOCK_FILE/,
    );
  });
});
