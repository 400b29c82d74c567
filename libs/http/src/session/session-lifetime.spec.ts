import { countsAsActivity, judgeSession, streamRecheckDelay, type SessionVerdict } from './session-lifetime';

const LIMITS = { idleSeconds: 1800, maxLifetimeSeconds: 43200, refreshBeforeSeconds: 60 };
const SIGNED_IN = new Date('2026-03-02T08:00:00Z');
const at = (minutes: number) => new Date(SIGNED_IN.getTime() + minutes * 60_000);

describe('judgeSession', () => {
  // Signed in at 08:00 with an access token until 09:00; idle 30 min, lifetime 12 h, refresh 1 min early.
  it.each<[string, number, number, number, SessionVerdict]>([
    ['just signed in', 0, 0, 60, 'active'],
    ['last seen 29 min ago', 40, 11, 60, 'active'],
    ['last seen exactly 30 min ago', 41, 11, 60, 'ended-idle'],
    ['token expires in 61 s', 58.98, 58, 60, 'active'],
    ['token expires in exactly 60 s', 59, 58, 60, 'refresh'],
    ['token already expired but not idle', 70, 65, 60, 'refresh'],
    ['12 h after sign-in, busy', 720, 719.9, 721, 'ended-lifetime'],
    ['12 h after sign-in and idle too', 720, 600, 721, 'ended-lifetime'],
  ])('%s → %s', (_case, nowMin, lastSeenMin, tokenUntilMin, verdict) => {
    const session = { createdAt: SIGNED_IN, lastSeenAt: at(lastSeenMin), accessExpiresAt: at(tokenUntilMin) };
    expect(judgeSession(session, at(nowMin), LIMITS)).toBe(verdict);
  });
});

describe('countsAsActivity', () => {
  it.each<[string, Record<string, string | string[]>, boolean]>([
    ['a click that loads a page', { accept: 'text/html' }, true],
    ['a fetch the person started', { accept: 'application/json' }, true],
    ['a reload after a live event', { accept: 'application/json', 'x-samenspel-background': '1' }, false],
    ['a header with another value', { 'x-samenspel-background': '0' }, true],
    ['the live-update stream', { accept: 'text/event-stream' }, false],
    ['no headers at all', {}, true],
  ])('%s → %s', (_case, headers, counts) => {
    expect(countsAsActivity(headers)).toBe(counts);
  });
});

describe('streamRecheckDelay', () => {
  // Signed in at 08:00, idle 30 min, lifetime 12 h, checks every 30 s at the latest.
  it.each<[string, number, number, number]>([
    ['just seen: the interval', 0, 0, 30_000],
    ['idles out in 10 s: then', 29 + 50 / 60, 0, 10_000],
    ['idle deadline already passed: at once', 31, 0, 0],
    ['lifetime ends in 5 s, though busy: then', 720 - 5 / 60, 719, 5_000],
  ])('%s', (_case, nowMin, lastSeenMin, delayMs) => {
    const session = { createdAt: SIGNED_IN, lastSeenAt: at(lastSeenMin) };
    expect(streamRecheckDelay(session, at(nowMin), LIMITS, 30)).toBeCloseTo(delayMs, -1);
  });
});
