import { matchReasons } from './match-reasons';

describe('why an activity was matched, in words', () => {
  const activity = { themes: ['Sport', 'muziek'], postcode4: '3511', minAge: 12, maxAge: 18 };

  it.each<[string, { ageYears: number; postcode4: string; interests: string[] }, string[], string]>([
    [
      'shared interests in the same postcode area',
      { ageYears: 16, postcode4: '3511', interests: ['sport', 'gaming', 'Muziek'] },
      ['shared-interests', 'same-postcode-area', 'age-fits'],
      'Gedeelde interesses: sport, muziek',
    ],
    [
      'no shared interest, a nearby postcode area',
      { ageYears: 12, postcode4: '3514', interests: ['koken'] },
      ['no-shared-interests', 'nearby-postcode-area', 'age-fits'],
      'Geen gedeelde interesses',
    ],
    [
      'a youngster without interests',
      { ageYears: 18, postcode4: '3511', interests: [] },
      ['no-shared-interests', 'same-postcode-area', 'age-fits'],
      'Geen gedeelde interesses',
    ],
  ])('%s', (_scenario, youngster, codes, firstInDutch) => {
    const reasons = matchReasons(youngster, activity);
    expect(reasons.map((r) => r.code)).toEqual(codes);
    expect(reasons[0].nl).toBe(firstInDutch);
  });

  it('names the areas and the age band', () => {
    const [, area, age] = matchReasons({ ageYears: 15, postcode4: '3514', interests: [] }, activity);
    expect(area).toMatchObject({
      nl: 'Postcodegebied 3511, dichtbij 3514',
      en: 'Postcode area 3511, near 3514',
    });
    expect(age).toMatchObject({ nl: 'Leeftijd 15 past bij 12–18 jaar', en: 'Age 15 fits 12–18 years' });
  });
});
