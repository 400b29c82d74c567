import { ageFits } from './age-range';

/** What ranking needs to know about an eligible activity. */
export interface RankableActivity {
  activityId: string;
  teamId: string;
  title: string;
  themes: readonly string[];
  minAge: number;
  maxAge: number;
  municipalityCode: string;
  postcode4: string;
  status: string;
  available: number;
}

export interface MatchQuery {
  ageYears: number;
  postcode4: string;
  municipalityCode: string;
  interests: readonly string[];
  excludeActivityIds?: readonly string[];
  limit?: number;
}

export interface RankedCandidate {
  activityId: string;
  teamId: string;
  title: string;
  available: number;
  rank: number;
  score: { ageFit: number; interestOverlap: number; proximity: number; total: number };
  explanation: string[];
}

export const DEFAULT_CANDIDATE_LIMIT = 10;

/** Eligible: open, the age fits, the same municipality, a free seat, and not offered before. */
export function isEligible(activity: RankableActivity, query: MatchQuery): boolean {
  return (
    activity.status === 'open' &&
    activity.available > 0 &&
    activity.municipalityCode === query.municipalityCode &&
    ageFits(query.ageYears, activity.minAge, activity.maxAge) &&
    !(query.excludeActivityIds ?? []).includes(activity.activityId)
  );
}

/** 1 in the middle of the age band, falling linearly to 0.5 at its edges (0 outside). */
export function ageFit(ageYears: number, minAge: number, maxAge: number): number {
  if (!ageFits(ageYears, minAge, maxAge)) return 0;
  const half = (maxAge - minAge) / 2;
  if (half === 0) return 1;
  const fromMiddle = Math.abs(ageYears - (minAge + half)) / half;
  return round(1 - fromMiddle / 2);
}

/** How many of the youngster's interests are themes of the activity (case-insensitive). */
export function interestOverlap(interests: readonly string[], themes: readonly string[]): string[] {
  const own = new Set(themes.map((t) => t.toLowerCase()));
  return [...new Set(interests.map((i) => i.toLowerCase()))].filter((i) => own.has(i));
}

/**
 * 1 for the same postcode4, else 1 / (1 + |difference| / 10). Dutch postcode4 numbers are
 * assigned roughly geographically, so the numeric distance is a cheap, documented proxy for
 * travel distance within one municipality; it is not a distance in kilometres.
 */
export function proximity(a: string, b: string): number {
  if (a === b) return 1;
  return round(1 / (1 + Math.abs(Number(a) - Number(b)) / 10));
}

/**
 * Ranks eligible activities: most shared interests first, then nearest (postcode4 proxy), then the
 * best age fit, then most free seats, then id (so equal scores still come in a stable order).
 * `total` = overlap + proximity / 2 + ageFit / 100: a one-number summary that follows the same order
 * for overlap; the ordering itself is the tuple above.
 */
export function rankCandidates(
  activities: readonly RankableActivity[],
  query: MatchQuery,
): RankedCandidate[] {
  const scored = activities
    .filter((a) => isEligible(a, query))
    .map((a) => {
      const shared = interestOverlap(query.interests, a.themes);
      const near = proximity(query.postcode4, a.postcode4);
      const fit = ageFit(query.ageYears, a.minAge, a.maxAge);
      return { a, shared, near, fit };
    })
    .sort(
      (x, y) =>
        y.shared.length - x.shared.length ||
        y.near - x.near ||
        y.fit - x.fit ||
        y.a.available - x.a.available ||
        x.a.activityId.localeCompare(y.a.activityId),
    );
  return scored.slice(0, query.limit ?? DEFAULT_CANDIDATE_LIMIT).map(({ a, shared, near, fit }, index) => ({
    activityId: a.activityId,
    teamId: a.teamId,
    title: a.title,
    available: a.available,
    rank: index + 1,
    score: {
      ageFit: fit,
      interestOverlap: shared.length,
      proximity: near,
      total: round(shared.length + near / 2 + fit / 100),
    },
    explanation: [
      `age ${query.ageYears} fits ${a.minAge}-${a.maxAge} (fit ${fit})`,
      shared.length > 0 ? `${shared.length} shared interest(s): ${shared.join(', ')}` : 'no shared interests',
      a.postcode4 === query.postcode4
        ? `same postcode area ${a.postcode4}`
        : `postcode area ${a.postcode4} is ${Math.abs(Number(a.postcode4) - Number(query.postcode4))} from ${query.postcode4} (proximity ${near})`,
      `${a.available} seat(s) free`,
    ],
  }));
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
