import { extractRefs, youthRefOf } from './event-refs';

describe('refs kept in the ledger', () => {
  it('keeps record ids and drops ages, postcodes, municipality and free text', () => {
    const data = {
      waitlistEntryId: 'JZ1-42',
      offerId: 'offer-1',
      youthRef: 'yr_abcdefgh',
      ageYears: 15,
      postcode4: '3511',
      municipalityCode: 'GM0344',
      activityTitle: 'Voetbal op woensdag',
      teamId: 'team-9',
    };
    expect(extractRefs(data)).toEqual({ waitlistEntryId: 'JZ1-42', offerId: 'offer-1', teamId: 'team-9' });
  });

  it.each([
    ['a non-object', 'text', {}],
    ['null', null, {}],
    ['an id that is not an id (spaces)', { offerId: 'not an id' }, {}],
    ['an id too long', { taskId: 'x'.repeat(65) }, {}],
    ['a number where an id belongs', { referralId: 12 }, {}],
  ])('keeps nothing from %s', (_name, data, expected) => {
    expect(extractRefs(data)).toEqual(expected);
  });

  it.each([
    ['data.youthRef', { youthRef: 'yr_abcdefgh' }, 'other-key-1', 'yr_abcdefgh'],
    ['the key when data has none', {}, 'yr_keyed0001', 'yr_keyed0001'],
    ['nothing when the key is too short', {}, 'team', null],
    ['nothing without a key', undefined, null, null],
  ])('takes the youngster from %s', (_name, data, key, expected) => {
    expect(youthRefOf(data, key)).toBe(expected);
  });
});
