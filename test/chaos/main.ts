/**
 * `npm run test:chaos`: the full chaos run (docs/reliability.md). About 20,000 mixed flows under
 * faults on a private broker and database server; prints the counts and exits 1 on any loss,
 * duplication, overbooking or flow not in its expected final state.
 *
 *   CHAOS_FLOWS (20000)  CHAOS_RATE flows/s (15)  CHAOS_REPEAT faults of each kind (3)  CHAOS_KEEP=1
 *   CHAOS_FAULTS=kind,kind (only these kinds, e.g. 'kafka restart')  CHAOS_MALFORMED share (0.01)
 */
import { useTestIdentityProvider } from '@samenspel/testing';
import type { FaultKind } from './lib/faults';
import { formatResult, runChaos } from './lib/run-chaos';

async function main(): Promise<void> {
  // The services verify tokens and get their own at the development identity provider.
  const identityProvider = await useTestIdentityProvider();
  const result = await runChaos({
    flows: Number(process.env.CHAOS_FLOWS ?? 20000),
    flowsPerSecond: Number(process.env.CHAOS_RATE ?? 15),
    repetitions: Number(process.env.CHAOS_REPEAT ?? 3),
    keep: process.env.CHAOS_KEEP === '1',
    ...(process.env.CHAOS_MALFORMED && { malformedShare: Number(process.env.CHAOS_MALFORMED) }),
    ...(process.env.CHAOS_FAULTS && { only: process.env.CHAOS_FAULTS.split(',') as FaultKind[] }),
  }).finally(() => identityProvider.stop());
  process.stdout.write(`\n${formatResult(result)}\n`);
  // Straight out: the run's clients are closed, but a stray timer must not keep the process up.
  process.exit(result.passed ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos run failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
