import { THEMES, unknownThemes } from './themes';

describe('theme vocabulary', () => {
  it('keeps every base theme (other services match interests on them)', () => {
    const required = [
      'sport',
      'music',
      'creative',
      'gaming',
      'girls-group',
      'boys-group',
      'wellbeing',
      'homework',
      'work-experience',
      'outdoor',
    ];
    expect(unknownThemes(required)).toEqual([]);
    expect(THEMES.length).toBeGreaterThanOrEqual(required.length);
  });

  it('names the unknown themes of a write', () => {
    expect(unknownThemes(['sport', 'knitting', 'Sport'])).toEqual(['knitting', 'Sport']);
  });
});
