import { IllegalTransition } from '@samenspel/contracts';
import {
  afterOfferClosed,
  assertEntryMove,
  assertOfferMove,
  canEntryMove,
  decideOnUpdate,
  nextOfferRank,
  type EntryStatus,
  type MatchingProfile,
} from './bridging-lifecycle';

const profile: MatchingProfile = {
  ageYears: 15,
  postcode4: '3581',
  municipalityCode: 'GM0344',
  interests: ['music'],
};

describe('the waitlist entry state machine', () => {
  it.each<[EntryStatus, EntryStatus, boolean]>([
    ['awaiting-consent', 'matching', true],
    ['awaiting-consent', 'offered', false],
    ['matching', 'offered', true],
    ['matching', 'queued', true],
    ['queued', 'matching', true],
    ['queued', 'offered', false],
    ['offered', 'bridged', true],
    ['offered', 'matching', true],
    ['offered', 'no-match', true],
    ['bridged', 'ended', true],
    ['bridged', 'offered', false],
    ['no-match', 'matching', false],
    ['ended', 'matching', false],
    ['ended', 'ended', false],
  ])('%s -> %s allowed: %s', (from, to, allowed) => {
    expect(canEntryMove(from, to)).toBe(allowed);
  });

  it('refuses an illegal move with a typed conflict naming the current state', () => {
    expect(() => assertEntryMove('ended', 'offered')).toThrow(IllegalTransition);
    try {
      assertEntryMove('bridged', 'queued');
    } catch (error) {
      expect((error as IllegalTransition).extensions).toEqual({
        currentState: 'bridged',
        requestedState: 'queued',
      });
    }
  });

  it('lets an offer be decided once only', () => {
    expect(() => assertOfferMove('open', 'accepted')).not.toThrow();
    expect(() => assertOfferMove('accepted', 'declined')).toThrow(IllegalTransition);
    expect(() => assertOfferMove('expired', 'accepted')).toThrow(IllegalTransition);
  });
});

describe('offers per youngster', () => {
  it.each`
    offersMade | next         | afterClose
    ${0}       | ${1}         | ${'matching'}
    ${1}       | ${2}         | ${'matching'}
    ${2}       | ${3}         | ${'matching'}
    ${3}       | ${undefined} | ${'no-match'}
  `(
    'after $offersMade offers the next rank is $next and a closed offer leads to $afterClose',
    ({ offersMade, next, afterClose }) => {
      expect(nextOfferRank(offersMade)).toBe(next);
      expect(afterOfferClosed(offersMade)).toBe(afterClose);
    },
  );
});

describe('what an update means', () => {
  it('withdraws everything when consent is gone', () => {
    expect(decideOnUpdate('offered', false, profile, profile)).toEqual({ action: 'await-consent' });
    expect(decideOnUpdate('queued', false, profile, profile)).toEqual({ action: 'await-consent' });
  });

  it('resumes matching when consent arrives', () => {
    expect(decideOnUpdate('awaiting-consent', true, profile, profile)).toEqual({
      action: 'rematch',
      withdrawOpenOffer: false,
    });
  });

  it('withdraws an open offer when the youngster moved to another municipality', () => {
    expect(decideOnUpdate('offered', true, profile, { ...profile, municipalityCode: 'GM0307' })).toEqual({
      action: 'rematch',
      withdrawOpenOffer: true,
    });
  });

  it('keeps an open offer when only the interests changed', () => {
    expect(decideOnUpdate('offered', true, profile, { ...profile, interests: ['sports'] })).toEqual({
      action: 'none',
    });
  });

  it('matches a queued youngster again when age or interests change, not when nothing did', () => {
    expect(decideOnUpdate('queued', true, profile, { ...profile, ageYears: 16 }).action).toBe('rematch');
    expect(decideOnUpdate('queued', true, profile, { ...profile, interests: ['music'] }).action).toBe('none');
  });

  it.each<EntryStatus>(['bridged', 'no-match', 'ended'])('leaves a %s entry alone', (status) => {
    expect(decideOnUpdate(status, false, profile, profile)).toEqual({ action: 'none' });
  });
});
