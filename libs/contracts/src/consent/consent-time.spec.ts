import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConsentDto } from '../events/consent.dto';
import { CONSENT_CLOCK_TOLERANCE_SECONDS, isConsentInTheFuture } from './consent-time';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const at = (secondsFromNow: number) => new Date(NOW + secondsFromNow * 1000).toISOString();

describe('a consent given in the future', () => {
  it.each<[string, string, boolean]>([
    // scenario, givenAt, in the future
    ['a year ago', at(-365 * 86400), false],
    ['just now', at(0), false],
    ['ahead by the whole clock tolerance', at(CONSENT_CLOCK_TOLERANCE_SECONDS), false],
    ['ahead by a second more than the tolerance', at(CONSENT_CLOCK_TOLERANCE_SECONDS + 1), true],
    ['tomorrow', at(86400), true],
    ['in 2099', '2099-01-01T00:00:00Z', true],
    ['with an offset that puts it within the tolerance', '2026-03-02T11:04:00+01:00', false],
  ])('%s: %p is in the future: %p', (_scenario, givenAt, future) => {
    expect(isConsentInTheFuture(givenAt, NOW)).toBe(future);
  });

  it('is refused by the consent of every event, naming the field and not quoting it', () => {
    const consent = plainToInstance(ConsentDto, {
      youthWork: true,
      givenBy: 'youth',
      givenAt: '2099-01-01T00:00:00Z',
    });
    const [error] = validateSync(consent);

    expect(error.property).toBe('givenAt');
    expect(Object.values(error.constraints ?? {})).toEqual([
      `givenAt must not be later than now (clock tolerance ${CONSENT_CLOCK_TOLERANCE_SECONDS} s)`,
    ]);
  });
});
