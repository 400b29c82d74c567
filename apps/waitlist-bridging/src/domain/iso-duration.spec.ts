import { isIsoDuration, parseIsoDuration } from './iso-duration';

describe('ISO 8601 offer time-to-live', () => {
  it.each`
    text        | ms
    ${'P7D'}    | ${7 * 24 * 3600 * 1000}
    ${'P1W'}    | ${7 * 24 * 3600 * 1000}
    ${'PT3S'}   | ${3000}
    ${'PT1.5S'} | ${1500}
    ${'P1DT2H'} | ${26 * 3600 * 1000}
    ${'PT90M'}  | ${90 * 60 * 1000}
  `('$text lasts $ms ms', ({ text, ms }) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each(['', 'P', 'PT', '7D', 'P1M', 'P1Y', 'PT0S', 'soon'])('refuses %p', (text) => {
    expect(isIsoDuration(text)).toBe(false);
  });
});
