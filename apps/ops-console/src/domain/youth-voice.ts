/**
 * The youngster's own view of a follow-up step, as task.completed carries it (`youthVoice`), kept
 * only as counts per municipality and month: how many views, how many per score (never shown; the
 * median is worked out from them) and how many named each word of what helped.
 */
import { YOUTH_VOICE_HELPED } from '@samenspel/contracts';
import type { Counters } from './impact';

export const YOUTH_VOICE_SCORES = [1, 2, 3, 4, 5] as const;

/** The shown counters: the views, and per word of YOUTH_VOICE_HELPED the views that named it. */
export const YOUTH_VOICE_MEASURES = [
  'youth_voice',
  ...YOUTH_VOICE_HELPED.map((word) => `youth_voice_helped_${word}`),
] as const;

/**
 * The measures one view counts in, or none when the event's `youthVoice` is not a view in the
 * vocabulary (the ledger reads events unvalidated): the view, its score, each word once.
 */
export function youthVoiceMeasures(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const { score, helped } = raw as { score?: unknown; helped?: unknown };
  if (typeof score !== 'number' || !(YOUTH_VOICE_SCORES as readonly number[]).includes(score)) return [];
  if (!Array.isArray(helped)) return [];
  if (!helped.every((w) => (YOUTH_VOICE_HELPED as readonly unknown[]).includes(w))) return [];
  const words = YOUTH_VOICE_HELPED.filter((w) => helped.includes(w));
  return ['youth_voice', `youth_voice_score_${score}`, ...words.map((w) => `youth_voice_helped_${w}`)];
}

/** The median score over the months' `youth_voice_score_<n>` counters, or null without any view. */
export function medianScore(counters: readonly Counters[]): number | null {
  const perScore = YOUTH_VOICE_SCORES.map((s) =>
    counters.reduce((sum, c) => sum + (c[`youth_voice_score_${s}`] ?? 0), 0),
  );
  const total = perScore.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const nth = (k: number) => {
    let seen = 0;
    for (const [i, n] of perScore.entries()) if ((seen += n) > k) return YOUTH_VOICE_SCORES[i];
    return 5;
  };
  // The middle score, or the mean of the two middle ones.
  return (nth(Math.floor((total - 1) / 2)) + nth(Math.floor(total / 2))) / 2;
}
