import { etagOf, versionFromIfMatch } from './etag';

describe('ETag and If-Match of a referral', () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['12', 12],
    ['*', undefined],
    [undefined, undefined],
  ])('reads If-Match %s as version %s', (header, expected) => {
    expect(versionFromIfMatch(header)).toBe(expected);
  });

  it('round-trips its own ETag', () => {
    expect(versionFromIfMatch(etagOf(7))).toBe(7);
  });

  it('refuses an If-Match that is not a version', () => {
    expect(() => versionFromIfMatch('"abc"')).toThrow('If-Match');
  });
});
