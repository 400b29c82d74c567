import type { Parameters } from 'fast-check';

/**
 * The fuzz budget. CI runs a fixed seed and a small number of runs, so that `npm test` stays
 * bounded in time and a failure can be replayed; widen it locally with FUZZ_SEED, FUZZ_RUNS and
 * FUZZ_SHRINK=1 (shrinking re-runs the property against the real services, which takes a while).
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261127);

/** fc.assert parameters for a property that runs `runs` times in CI (FUZZ_RUNS overrides it). */
export function fuzzParameters<T>(runs: number, label: string): Parameters<T> {
  const numRuns = Math.max(1, Number(process.env.FUZZ_RUNS ?? runs));
  // Logged so that a failure in CI can be replayed locally with the same values.
  process.stdout.write(`fuzz ${label}: seed ${FUZZ_SEED}, ${numRuns} runs\n`);
  return { seed: FUZZ_SEED, numRuns, endOnFailure: process.env.FUZZ_SHRINK !== '1' };
}
