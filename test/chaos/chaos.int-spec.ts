import { formatResult, runChaos, type ChaosResult } from './lib/run-chaos';

/**
 * The short chaos run inside `npm test` (the full one is `npm run test:chaos`, docs/reliability.md):
 * about 1,000 mixed flows, 1 % malformed and 5 % delivered twice, two instances of every service,
 * and each fault once while the load runs: kill -9 and SIGTERM of every service, a broker restart,
 * a database restart and a consumer paused past its session timeout. It runs on a broker and a
 * PostgreSQL of its own, so the restarts never touch what other tests share.
 */
describe('the system under faults (short chaos run)', () => {
  let result: ChaosResult;

  beforeAll(
    async () => {
      result = await runChaos({
        flows: Number(process.env.CHAOS_SHORT_FLOWS ?? 1000),
        // 200 s of load: the eleven faults and their recoveries (some 120 s together, most of it
        // starting Node processes) fall inside it, one every 17 s or so.
        flowsPerSecond: 5,
        repetitions: 1,
      });
      process.stdout.write(`\n[chaos] short run\n${formatResult(result)}\n`);
    },
    45 * 60 * 1000,
  );

  it('injects every fault kind while the load runs, and the fleet recovers from each', () => {
    const kinds = new Set(result.faults.map((f) => f.kind));
    expect([...kinds].sort()).toEqual([
      'SIGTERM',
      'consumer pause',
      'kafka restart',
      'kill -9',
      'postgres restart',
    ]);
    expect(result.faults.filter((f) => f.failed)).toEqual([]);
    expect(result.unexpectedExits).toEqual([]);
  });

  it('loses no event and applies none twice', () => {
    expect(result.reconciliation.problems).toEqual({});
    expect(result.reconciliation.lost).toBe(0);
    expect(result.reconciliation.duplicated).toBe(0);
    expect(result.reconciliation.duplicatesSuppressed).toBe(
      result.reconciliation.duplicateDeliveries -
        // A duplicate of a malformed event is dead-lettered twice, not suppressed.
        countDuplicatedMalformed(result),
    );
  });

  it('dead-letters every malformed event with its reason', () => {
    expect(result.reconciliation.malformedSent).toBeGreaterThan(0);
    expect(result.reconciliation.deadLettered).toBe(result.reconciliation.malformedSent);
  });

  it('leaves every flow in its expected final state and no seat overbooked', () => {
    expect(result.reconciliation.wrongState).toBe(0);
    expect(result.reconciliation.overbooked).toBe(0);
    expect(result.passed).toBe(true);
  });
});

function countDuplicatedMalformed(result: ChaosResult): number {
  return result.reconciliation.figures['malformed delivered twice'] ?? 0;
}
