import { loadConfig } from '@samenspel/http';
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
});
